package io.papersearch.http;

import io.papersearch.search.ErrorCode;
import io.papersearch.search.ResponseJson;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lets a request through only if it carries no {@code Origin} header (chat apps, scripts, servers:
 * not browsers) or an Origin on this machine ({@code localhost}, {@code 127.0.0.1}, {@code [::1]},
 * any port). A web page elsewhere, including one that rebinds its DNS name to 127.0.0.1, cannot
 * drive the MCP tools from a user's browser, as the MCP specification asks of local servers. Refusals
 * are 403 {@code origin_not_allowed} in the API's error shape, naming the origin. Stateless and
 * thread-safe.
 */
final class LocalOriginFilter implements Filter {
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    String origin = ((HttpServletRequest) request).getHeader("Origin");
    if (origin == null || isLocal(origin)) {
      chain.doFilter(request, response);
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", ErrorCode.ORIGIN_NOT_ALLOWED.code());
    body.put("message", "Origin '" + Params.abbreviate(origin) + "' may not use " + McpMount.PATH
        + "; browser pages may reach it only from localhost, 127.0.0.1 or [::1]");
    HttpServletResponse r = (HttpServletResponse) response;
    r.setStatus(ErrorCode.ORIGIN_NOT_ALLOWED.status());
    r.setContentType("application/json;charset=utf-8");
    r.getOutputStream().write(ResponseJson.write(body).getBytes(StandardCharsets.UTF_8));
  }

  static boolean isLocal(String origin) {
    try {
      URI uri = new URI(origin.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && LOCAL_HOSTS.contains(host);
    } catch (URISyntaxException e) {
      return false; // "null" (sandboxed pages, file://) and garbage alike are not local pages
    }
  }
}
