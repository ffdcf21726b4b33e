package io.papersearch.cli;

import io.papersearch.embed.ModelRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Start-up checks of {@code papersearch serve} that take milliseconds, run before the models load
 * and the sample is indexed (seconds), so a port in use or a mistyped folder fails at once, in one
 * line naming the value and where it came from.
 *
 * <p>They can only be early warnings (the port may be taken between the check and the start, a
 * folder may change): the real operations still report their own failures. Stateless.
 */
final class Preflight {
  private Preflight() {}

  /** @throws IllegalArgumentException naming the first problem found */
  static void check(ServeSettings s) {
    port(s.server().host(), s.server().port());
    indexFolder(s.index(), s.where(ConfigKey.INDEX));
    models(s);
  }

  /** Binds the address the way Jetty will (address reuse on, so a recent restart's TIME_WAIT does not count), then lets go. */
  static void port(String host, int port) {
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("cannot listen on " + host + ":" + port + ": unknown host '" + host + "'");
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(address);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot listen on " + host + ":" + port + ": " + Main.message(e));
    }
  }

  /** The index folder exists as a readable, writable folder, or can be created. */
  static void indexFolder(Path index, String where) {
    if (Files.exists(index)) {
      if (!Files.isDirectory(index)) {
        throw new IllegalArgumentException("index folder " + index + " is a file, not a folder (" + where + ")");
      }
      if (!Files.isReadable(index) || !Files.isExecutable(index)) {
        throw new IllegalArgumentException("index folder " + index + " is not readable (" + where + ")");
      }
      if (!Files.isWritable(index)) {
        throw new IllegalArgumentException("index folder " + index + " is not writable (" + where + ")");
      }
      return;
    }
    // Not there yet: serve creates it, so its nearest existing ancestor must be a writable folder.
    Path ancestor = index.toAbsolutePath().getParent();
    while (ancestor != null && !Files.exists(ancestor)) {
      ancestor = ancestor.getParent();
    }
    if (ancestor != null && !Files.isDirectory(ancestor)) {
      throw new IllegalArgumentException(
          "cannot create index folder " + index + ": " + ancestor + " is a file (" + where + ")");
    }
    if (ancestor != null && !Files.isWritable(ancestor)) {
      throw new IllegalArgumentException(
          "cannot create index folder " + index + ": " + ancestor + " is not writable (" + where + ")");
    }
  }

  /** The models folder exists and holds both models with their files. */
  static void models(ServeSettings s) {
    ModelRegistry registry;
    try {
      registry = ModelRegistry.scan(s.models());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (" + s.where(ConfigKey.MODELS) + ")", e);
    }
    require(registry, s.modelEn(), ConfigKey.MODEL_EN, s);
    require(registry, s.modelZh(), ConfigKey.MODEL_ZH, s);
  }

  private static void require(ModelRegistry registry, String id, ConfigKey key, ServeSettings s) {
    try {
      registry.require(id);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (" + s.where(key) + ")", e);
    }
  }
}
