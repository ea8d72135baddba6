"""Duplicates and re-used text: repeats inside a document, passages shared between
documents, clusters of near-duplicates (issue 6).

The pipeline is a chain of pure functions over documents, and one run
(`core`: the entry signature, the verification plan, the result) with its
steps (`steps`) serves both engines, the local one (`engine`) and the Dask one
(`dask_engine`, `dask_stages`), which only say where the work runs: normalize ->
shingle (`shingles`) -> MinHash -> LSH band keys -> candidate pairs
(`minhash_index`) -> verify by clause alignment (`verify`) -> passages
(`reuse`), repeats (`repeats`), clusters (`clusters`) -> the ``wendiff.dups``
report (`report`).
"""
