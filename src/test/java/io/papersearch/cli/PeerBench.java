package io.papersearch.cli;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.papersearch.embed.ModelSpec;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code ./papersearch bench --peer}: the bench with stage (c), LangChain4j's in-process ONNX
 * embedding model ({@code dev.langchain4j:langchain4j-embeddings}) on the same model files, called
 * the way its documentation shows: one {@code embedAll} over the texts, its default executor
 * spreading them over the cores. It lives on the test classpath so the application never ships it.
 */
public final class PeerBench {
  private PeerBench() {}

  public static void main(String[] args) throws Exception {
    BenchCommand.PeerFactory langChain4j = new BenchCommand.PeerFactory() {
      @Override
      public String name() {
        return "LangChain4j embedAll (same model files)";
      }

      @Override
      public BenchCommand.Peer open(ModelSpec model) {
        PoolingMode pooling = model.pooling() == ModelSpec.Pooling.MEAN ? PoolingMode.MEAN : PoolingMode.CLS;
        OnnxEmbeddingModel lib = new OnnxEmbeddingModel(model.onnxPath(), model.tokenizerPath(), pooling);
        return new BenchCommand.Peer() {
          @Override
          public void embedAll(List<String> texts) {
            lib.embedAll(texts.stream().map(t -> TextSegment.from(model.passagePrefix() + t)).toList());
          }

          @Override
          public void close() {}
        };
      }
    };
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        return cls == BenchCommand.class ? cls.cast(new BenchCommand(langChain4j)) : CommandLine.defaultFactory().create(cls);
      }
    };
    System.exit(Main.run(factory, args));
  }
}
