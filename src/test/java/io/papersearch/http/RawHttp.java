package io.papersearch.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection. Test clients ({@code java.net.http})
 * refuse to send what the fuzz campaign needs to send: raw non-ASCII bytes and control characters
 * in the request line, garbage header values, any method name.
 */
final class RawHttp {
  private RawHttp() {}

  /** A request exactly as it goes on the wire (except Host, Connection and Content-Length, added here). */
  record Request(String method, byte[] target, List<byte[]> headers, byte[] body, boolean chunked) {
    String describe() {
      StringBuilder sb = new StringBuilder(method).append(' ').append(io.papersearch.testing.Fuzz.show(target, 300));
      for (byte[] h : headers) {
        sb.append("\n  ").append(io.papersearch.testing.Fuzz.show(h, 200));
      }
      if (body != null) {
        sb.append("\n  body").append(chunked ? " (chunked)" : "").append(": ").append(io.papersearch.testing.Fuzz.show(body, 400));
      }
      return sb.toString();
    }
  }

  /** A response: status, headers by lower-case name (last one wins), the decoded body. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  static Response send(int port, Request req) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.setSoTimeout(60_000);
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      head.write(req.method().getBytes(StandardCharsets.ISO_8859_1));
      head.write(' ');
      head.write(req.target());
      head.write(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
      for (byte[] h : req.headers()) {
        head.write(h);
        head.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      if (req.body() != null) {
        head.write((req.chunked() ? "Transfer-Encoding: chunked" : "Content-Length: " + req.body().length)
            .getBytes(StandardCharsets.ISO_8859_1));
        head.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      head.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      OutputStream out = s.getOutputStream();
      try {
        out.write(head.toByteArray());
        if (req.body() != null) {
          if (req.chunked()) {
            for (int i = 0; i < req.body().length; i += 8192) {
              int n = Math.min(8192, req.body().length - i);
              out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
              out.write(req.body(), i, n);
              out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          } else {
            out.write(req.body());
          }
        }
        out.flush();
      } catch (IOException e) {
        // The server may answer (413, 400) and close before it has read the whole body: the answer
        // is still there to read, and it is what the campaign checks.
      }
      return parse(s.getInputStream().readAllBytes());
    }
  }

  static Response parse(byte[] raw) throws IOException {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (end < 0) {
      throw new IOException("no complete response head in " + raw.length + " bytes: " + io.papersearch.testing.Fuzz.show(raw, 200));
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status = Integer.parseInt(statusLine[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, body);
  }

  private static byte[] dechunk(byte[] in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int eol = indexOf(in, new byte[] {'\r', '\n'}, at);
      if (eol < 0) {
        throw new IOException("truncated chunked body");
      }
      String sizeText = new String(in, at, eol - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
      int size = Integer.parseInt(sizeText, 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(in, eol + 2, size);
      at = eol + 2 + size + 2;
    }
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Header lines as raw bytes. */
  static List<byte[]> headers(String... lines) {
    List<byte[]> out = new ArrayList<>();
    for (String l : lines) {
      out.add(l.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }
}
