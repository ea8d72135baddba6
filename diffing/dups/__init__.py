"""Duplicates and re-used text: repeats inside a document, passages shared between
documents, clusters of near-duplicates (issue 6).

The pipeline is a chain of pure functions over documents, so a local engine
(`diffing.dups.engine`) and a Dask engine run the same code: normalize ->
shingle (`shingles`) -> MinHash -> LSH band keys -> candidate pairs
(`minhash_index`) -> verify by clause alignment (`verify`) -> passages
(`reuse`), repeats (`repeats`), clusters (`clusters`) -> the ``wendiff.dups``
report (`report`).
"""
