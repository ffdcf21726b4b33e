package io.papersearch.http;

import io.papersearch.search.ErrorCode;
import io.papersearch.search.ResponseJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages in papersearch's error shape: {@code {"code", "message"}}, never HTML, never a
 * stack trace. Covers what Jetty refuses before any route runs (bad URI encoding, a request line or
 * headers over the limit). Stateless and thread-safe.
 */
final class JsonErrorHandler extends ErrorHandler {

  static String body(int status) {
    ErrorCode code = ErrorCode.forHttpStatus(status);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", code.code());
    m.put("message", switch (code) {
      case URI_TOO_LONG -> "request URI is too long";
      case HEADERS_TOO_LARGE -> "request line or headers are larger than " + HttpApi.MAX_HEADER_BYTES + " bytes";
      case PAYLOAD_TOO_LARGE -> "request body is too large";
      case BAD_REQUEST -> "malformed HTTP request";
      case ROUTE_NOT_FOUND -> "no such route";
      default -> "request failed with status " + status;
    });
    return ResponseJson.write(m);
  }

  /**
   * Every method gets the JSON body. Jetty's default writes error pages only for GET, POST and HEAD,
   * so {@code DELETE *}, {@code OPTIONS *} or a lower-case {@code get} got a bare status with an empty
   * body and no content type, outside the error vocabulary.
   */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request, Response response, int code, String message, Throwable cause, Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
    response.write(true, ByteBuffer.wrap(body(code).getBytes(StandardCharsets.UTF_8)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8"));
    return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
  }
}
