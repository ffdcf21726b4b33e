package io.papersearch.ingest;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@link PaperReader} for each supported format.
 *
 * <p>Thread-safe: the readers are stateless singletons.
 */
public final class PaperReaders {

  private static final PaperReader MARKDOWN = new MarkdownTableReader();
  private static final PaperReader JSONL = new JsonlReader();
  private static final PaperReader CSV = new DelimitedReader(',');
  private static final PaperReader TSV = new DelimitedReader('\t');
  private static final PaperReader BIBTEX = new BibtexReader();
  private static final PaperReader RIS = new RisReader();

  private PaperReaders() {}

  /**
   * Picks a reader by the file's extension, ignoring case: {@code .md}/{@code .markdown} →
   * markdown table, {@code .jsonl}/{@code .ndjson} → JSON Lines, {@code .csv} → CSV, {@code .tsv}
   * → TSV, {@code .bib} → BibTeX, {@code .ris} → RIS.
   *
   * @throws IllegalArgumentException naming the file when the extension is none of these
   */
  public static PaperReader forFile(Path file) {
    Path name = file.getFileName();
    String fileName = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    int dot = fileName.lastIndexOf('.');
    String extension = dot < 0 ? "" : fileName.substring(dot + 1);
    return switch (extension) {
      case "md", "markdown" -> MARKDOWN;
      case "jsonl", "ndjson" -> JSONL;
      case "csv" -> CSV;
      case "tsv" -> TSV;
      case "bib" -> BIBTEX;
      case "ris" -> RIS;
      default -> throw new IllegalArgumentException(
          "cannot tell the format of '" + file + "' from its extension;"
              + " expected .md, .markdown, .jsonl, .ndjson, .csv, .tsv, .bib or .ris");
    };
  }

  /** Markdown tables; see {@link #forFile(Path)}. */
  public static PaperReader markdown() {
    return MARKDOWN;
  }

  /** JSON Lines, one object per line. */
  public static PaperReader jsonl() {
    return JSONL;
  }

  /** Comma-separated values with a header row and RFC 4180 quoting. */
  public static PaperReader csv() {
    return CSV;
  }

  /** Tab-separated values with a header row and RFC 4180 quoting. */
  public static PaperReader tsv() {
    return TSV;
  }

  /** BibTeX entries, LaTeX decoded; see {@link BibtexReader}. */
  public static PaperReader bibtex() {
    return BIBTEX;
  }

  /** RIS records, {@code TY} to {@code ER}; see {@link RisReader}. */
  public static PaperReader ris() {
    return RIS;
  }
}
