package io.papersearch.http;

import io.papersearch.search.ErrorCode;
import io.papersearch.search.ResponseJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
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
      case HTTP_VERSION_NOT_SUPPORTED -> "HTTP version not supported; this server speaks HTTP/1.1";
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
    int status = splitRequestLine(code, cause) ? HttpStatus.BAD_REQUEST_400 : code;
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
    response.write(true, ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8)), callback);
  }

  /**
   * Whether Jetty's parser answered 505 to what is really a malformed request line. A raw space or
   * line break inside the target ({@code GET /search?q=a\r\nb HTTP/1.1}) splits the line, and the
   * parser takes the rest for a protocol version it does not know, or for none at all (HTTP/0.9).
   * RFC 9112 section 3 says an invalid request line gets 400. Only a version Jetty recognises but does
   * not serve (HTTP/3.0 over TCP) keeps 505: that client really speaks another protocol version.
   */
  private static boolean splitRequestLine(int code, Throwable cause) {
    return code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505
        && !(cause instanceof HttpException http && "Unsupported Version".equals(http.getReason()));
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8"));
    return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
  }
}
