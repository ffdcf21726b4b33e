package io.papersearch.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The search page at {@code /}: one HTML file from the jar with its style and script inline, so it
 * works on a server with no internet. It holds no data; its script calls {@code /search} and
 * {@code /papers/...} from the browser, which is why the route is open while those are not.
 *
 * <p>Read from the jar once; thread-safe.
 */
final class WebPage {
  static final String RESOURCE = "/web/index.html";

  /**
   * The page's URL parameters: the page's script reads them to run the search a shared link
   * describes. The server only accepts them (any other name is still {@code unknown_parameter}).
   */
  static final Set<String> PARAMS = Set.of("q", "mode", "yearFrom", "yearTo", "venue", "offset", "similar");

  private static final byte[] PAGE = read();

  private WebPage() {}

  static void serve(Context ctx) {
    // no-cache: a redeployed server's page is picked up on the next visit, not after a heuristic expiry.
    ctx.header("Cache-Control", "no-cache").contentType("text/html;charset=utf-8").result(PAGE);
  }

  private static byte[] read() {
    try (InputStream in = WebPage.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the jar", e);
    }
  }
}
