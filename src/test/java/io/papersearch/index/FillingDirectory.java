package io.papersearch.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

/** A folder whose disk is full while {@link #full} is set: creating or growing any file fails. */
public final class FillingDirectory extends FilterDirectory {
  /** Set while the disk is full. */
  public final AtomicBoolean full = new AtomicBoolean();

  /** An index opened for writing on a disk that can be filled. */
  public record Opened(PaperIndex index, FillingDirectory disk) {}

  /** Opens {@code dir} for writing through a {@link FillingDirectory}. */
  public static Opened open(Path dir, IndexSchema schema) {
    FillingDirectory[] disk = new FillingDirectory[1];
    PaperIndex index = PaperIndex.openForWriting(dir, schema, null, PaperIndex.DEFAULT_RAM_BUFFER_MB, d -> disk[0] = new FillingDirectory(d));
    return new Opened(index, disk[0]);
  }

  FillingDirectory(Directory in) {
    super(in);
  }

  private void check() throws IOException {
    if (full.get()) {
      throw new IOException("No space left on device");
    }
  }

  @Override
  public IndexOutput createOutput(String name, IOContext context) throws IOException {
    check();
    return new Filling(super.createOutput(name, context));
  }

  @Override
  public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
    check();
    return new Filling(super.createTempOutput(prefix, suffix, context));
  }

  /** Fails on every write once the disk is full. */
  final class Filling extends IndexOutput {
    private final IndexOutput out;

    Filling(IndexOutput out) {
      super("filling(" + out + ")", out.getName());
      this.out = out;
    }

    @Override
    public void writeByte(byte b) throws IOException {
      check();
      out.writeByte(b);
    }

    @Override
    public void writeBytes(byte[] b, int offset, int length) throws IOException {
      check();
      out.writeBytes(b, offset, length);
    }

    @Override
    public long getFilePointer() {
      return out.getFilePointer();
    }

    @Override
    public long getChecksum() throws IOException {
      return out.getChecksum();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
