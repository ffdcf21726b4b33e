package io.papersearch.search;

import io.papersearch.ingest.Paper;
import java.util.List;

/**
 * A numbered, citation-ready block of the best papers for a question, to paste into a prompt:
 *
 * <pre>
 * [1] Title. Authors (Year). Venue. URL
 * abstract excerpt…
 *
 * [2] ...</pre>
 *
 * @param text the block; at most the requested number of characters
 * @param citations the papers cited, in the block's order, numbered from 1
 * @param omitted papers the search found (within the limit) that did not fit the budget
 * @param maxChars the budget the block was fitted to
 * @param mode the search mode that ranked them
 * @param lang the language whose fields were searched (as in a search response)
 * @param tookMs server time in milliseconds, search included
 */
public record ContextBlock(String text, List<Citation> citations, int omitted, int maxChars, String mode, String lang, long tookMs) {
  public ContextBlock {
    citations = List.copyOf(citations);
    if (text.length() > maxChars) {
      // ContextBuilder guarantees the budget; a longer block is a bug, never something to send.
      throw new IllegalStateException("context block of " + text.length() + " characters exceeds its budget of " + maxChars);
    }
  }

  /** Characters in {@link #text()}, UTF-16 code units. */
  public int totalChars() {
    return text.length();
  }

  /**
   * One cited paper.
   *
   * @param n its number in the block ({@code [n]})
   * @param paper the paper
   * @param link the link printed in its header (URL, else DOI link), or null
   */
  public record Citation(int n, Paper paper, String link) {}
}
