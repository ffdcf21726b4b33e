package io.papersearch.embed;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vectors already computed by one model, on disk: {@code <dir>/<model-id>.vectors}, keyed by a hash
 * of role and text. Shared by indexing, evaluation and queries, so the same text is never embedded
 * twice, even across indexes and restarts.
 *
 * <p>File layout: a header line {@code papersearch-vectors 1 <model-id> <dimension>\n}, then
 * fixed-size records of a 16-byte key and {@code dimension} little-endian floats. Records are only
 * appended; a torn last record (a crash mid-write) is cut off when the file is opened, so the cache
 * is never corrupt, at worst one vector short. A header naming another model or dimension is refused.
 *
 * <p>One process appends to a cache file at a time: the first to open it takes an exclusive file
 * lock; another process opening it meanwhile reads the vectors stored so far and keeps what it
 * computes in memory only, so two processes never interleave writes.
 *
 * <p>Thread-safe: lookups read a concurrent map; appends are serialised. All vectors are held in
 * memory (4 bytes × dimension per text: 46 MB for 30,000 texts at 384-d).
 */
public final class EmbeddingCache implements Closeable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddingCache.class);
  private static final int KEY_BYTES = 16;
  private static final String MAGIC = "papersearch-vectors 1";

  private final Path file;
  private final int dimension;
  private final FileChannel channel;
  private final FileLock lock; // null: another process writes this file; we only read it
  private final Map<Key, float[]> vectors = new ConcurrentHashMap<>();

  private record Key(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }

  private EmbeddingCache(Path file, int dimension, FileChannel channel, FileLock lock) {
    this.file = file;
    this.dimension = dimension;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Opens (creating if needed) the cache of {@code spec}'s model in {@code dir}.
   *
   * @throws IllegalStateException naming the file if it belongs to another model or cannot be read
   */
  public static EmbeddingCache open(Path dir, ModelSpec spec) {
    Path file = dir.resolve(spec.id() + ".vectors");
    String header = MAGIC + " " + spec.id() + " " + spec.dimension() + "\n";
    byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(dir);
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // this JVM already writes it through another instance
      }
      if (lock == null) {
        LOG.warn("embedding cache {} is being written by another process; reading it without adding to it", file);
      }
      EmbeddingCache cache = new EmbeddingCache(file, spec.dimension(), ch, lock);
      try {
        if (ch.size() > 0) {
          cache.load(headerBytes);
        } else if (lock != null) {
          ch.write(ByteBuffer.wrap(headerBytes));
        }
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
      return cache;
    } catch (IOException e) {
      throw new IllegalStateException("cannot open embedding cache " + file + ": " + e.getMessage(), e);
    }
  }

  private void load(byte[] expectedHeader) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(expectedHeader.length);
    channel.read(head, 0);
    if (!Arrays.equals(head.array(), expectedHeader)) {
      throw new IllegalStateException(
          "embedding cache " + file + " does not belong to this model (expected header '"
              + new String(expectedHeader, StandardCharsets.UTF_8).strip() + "'); delete it or use another cache folder");
    }
    int recordBytes = KEY_BYTES + 4 * dimension;
    long body = channel.size() - expectedHeader.length;
    long whole = body / recordBytes;
    if (body % recordBytes != 0 && lock != null) {
      // A torn last record from a crash: drop it, keep every complete one.
      channel.truncate(expectedHeader.length + whole * recordBytes);
    }
    ByteBuffer buf = ByteBuffer.allocate(recordBytes * 1024).order(ByteOrder.LITTLE_ENDIAN);
    long pos = expectedHeader.length;
    long end = expectedHeader.length + whole * recordBytes;
    while (pos < end) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), end - pos));
      while (buf.hasRemaining()) {
        if (channel.read(buf, pos + buf.position()) < 0) {
          throw new IOException("unexpected end of " + file);
        }
      }
      buf.flip();
      while (buf.remaining() >= recordBytes) {
        byte[] key = new byte[KEY_BYTES];
        buf.get(key);
        float[] v = new float[dimension];
        buf.asFloatBuffer().get(v);
        buf.position(buf.position() + 4 * dimension);
        vectors.put(new Key(key), v);
      }
      pos += buf.limit();
    }
    channel.position(end);
  }

  /** The cached vector of {@code text} in {@code role}, or null. */
  public float[] get(String text, Role role) {
    float[] v = vectors.get(key(text, role));
    return v == null ? null : v.clone();
  }

  /** Stores a vector (ignored if the text is cached already). */
  public void put(String text, Role role, float[] vector) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException("vector must have " + dimension + " dimensions, got " + vector.length);
    }
    Key key = key(text, role);
    if (vectors.putIfAbsent(key, vector.clone()) != null || lock == null) {
      return;
    }
    ByteBuffer buf = ByteBuffer.allocate(KEY_BYTES + 4 * dimension).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(key.bytes());
    buf.asFloatBuffer().put(vector);
    buf.position(buf.capacity()).flip();
    synchronized (channel) {
      try {
        while (buf.hasRemaining()) {
          channel.write(buf);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot append to embedding cache " + file, e);
      }
    }
  }

  public int size() {
    return vectors.size();
  }

  private static Key key(String text, Role role) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((byte) role.ordinal());
      return new Key(Arrays.copyOf(sha.digest(text.getBytes(StandardCharsets.UTF_8)), KEY_BYTES));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** Forces appended vectors to disk and closes the file. */
  @Override
  public void close() {
    synchronized (channel) {
      try {
        if (channel.isOpen()) {
          if (lock != null) {
            channel.force(false);
          }
          channel.close(); // releases the lock
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close embedding cache " + file, e);
      }
    }
  }

  @Override
  public String toString() {
    return "EmbeddingCache[" + file + ", " + size() + " vectors]";
  }
}
