/**
 * First stage of the pipeline: reads paper records from source files and turns them into clean
 * {@link io.papersearch.ingest.Paper} values.
 *
 * <p>Formats: markdown tables, JSON Lines (including BEIR corpora), CSV, TSV, and the exports of
 * reference managers, BibTeX (LaTeX decoded to Unicode) and RIS. {@link
 * io.papersearch.ingest.PaperReaders#forFile(java.nio.file.Path)} picks a {@link
 * io.papersearch.ingest.PaperReader} by file extension; every reader streams its file record by
 * record into a {@link io.papersearch.ingest.PaperSink}, so files of any size are read in constant
 * memory.
 *
 * <p>Invariants of what leaves this package:
 *
 * <ul>
 *   <li>Every text is normalised by {@link io.papersearch.ingest.TextNormalizer}: mojibake
 *       repaired, NFC, no control or format characters, single spaces, trimmed, and {@code null}
 *       rather than empty.
 *   <li>Every paper has a title or an abstract, and an id that passes {@link
 *       io.papersearch.ingest.PaperIds#isValid(String)}; ids derived from titles are deterministic,
 *       so re-reading a file yields the same ids.
 *   <li>{@code abstractEn} and {@code abstractZh} hold text in the script their names promise
 *       ({@link io.papersearch.ingest.Lang#detect(CharSequence)}), whatever the source column was
 *       called.
 *   <li>A bad record never stops a file: it becomes a {@link io.papersearch.ingest.Rejection} that
 *       names the file, the line and what is wrong. Only a file that cannot be read on at all (no
 *       such file, an unusable header, a line longer than 16 MiB, a CSV quote still open after 4 Mi
 *       characters) fails with an {@link java.io.IOException} naming the file.
 * </ul>
 *
 * <p>The package depends on the JDK and Jackson only: later stages (index, embeddings, server)
 * depend on it, never the reverse.
 */
package io.papersearch.ingest;
