"""Getting facts in: case files, account transcripts, levy notices."""
