package io.papersearch.embed;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.PairList;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A sentence-embedding model run by DJL on the ONNX Runtime engine, on CPU, fully offline.
 *
 * <p>Every text is run alone (batch size 1). Two reasons: int8 models quantise activations per
 * batch, so a batch would make a text's vector depend on its neighbours; and on this class of CPU
 * (no VNNI) batch 1 with two intra-op threads was measured faster than padded batches.
 *
 * <p>Thread-safe: a fixed pool of DJL predictors (which are not thread-safe themselves) shares one
 * ONNX Runtime session; callers beyond the pool size wait.
 */
public final class OnnxEmbedder implements TextEmbedder {

  static {
    // Without this DJL tries to reach its model zoo and download natives; everything it needs ships
    // inside the jars. Set before any DJL class initialises an engine.
    System.setProperty("ai.djl.offline", "true");
  }

  /** ONNX Runtime threading for one session. */
  public record Threads(int intraOp, int predictors) {
    public Threads {
      if (intraOp < 1) {
        throw new IllegalArgumentException("intraOp threads must be >= 1, got " + intraOp);
      }
      if (predictors < 1) {
        throw new IllegalArgumentException("predictors must be >= 1, got " + predictors);
      }
    }

    /**
     * One intra-op thread per run and one run per core: on 2 cores, two concurrent single-threaded
     * runs embedded faster than one run on two threads (README, performance section).
     */
    public static Threads defaults() {
      return new Threads(1, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
  }

  private final ModelSpec spec;
  private final HuggingFaceTokenizer tokenizer;
  private final ZooModel<Encoding, float[]> model;
  private final BlockingQueue<Predictor<Encoding, float[]>> predictors;

  private OnnxEmbedder(
      ModelSpec spec,
      HuggingFaceTokenizer tokenizer,
      ZooModel<Encoding, float[]> model,
      BlockingQueue<Predictor<Encoding, float[]>> predictors) {
    this.spec = spec;
    this.tokenizer = tokenizer;
    this.model = model;
    this.predictors = predictors;
  }

  /**
   * Loads the model's tokenizer and ONNX session.
   *
   * @throws EmbeddingException naming the model if a file is missing or malformed
   */
  public static OnnxEmbedder load(ModelSpec spec, Threads threads) {
    HuggingFaceTokenizer tokenizer = null;
    try {
      tokenizer =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(spec.tokenizerPath())
              .optAddSpecialTokens(true)
              .optTruncation(true)
              .optMaxLength(spec.maxTokens())
              .optPadding(false)
              .build();
      Criteria<Encoding, float[]> criteria =
          Criteria.builder()
              .setTypes(Encoding.class, float[].class)
              .optEngine("OnnxRuntime")
              .optModelPath(spec.onnxPath())
              .optTranslator(new Translator(spec))
              .optOption("intraOpNumThreads", Integer.toString(threads.intraOp()))
              .optOption("interOpNumThreads", "1")
              .optOption("executionMode", "SEQUENTIAL")
              .optOption("optLevel", "ALL_OPT")
              .build();
      ZooModel<Encoding, float[]> model = criteria.loadModel();
      BlockingQueue<Predictor<Encoding, float[]>> pool = new ArrayBlockingQueue<>(threads.predictors());
      for (int i = 0; i < threads.predictors(); i++) {
        pool.add(model.newPredictor());
      }
      OnnxEmbedder embedder = new OnnxEmbedder(spec, tokenizer, model, pool);
      embedder.checkDimension();
      return embedder;
    } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
      if (tokenizer != null) {
        tokenizer.close();
      }
      throw new EmbeddingException("cannot load model '" + spec.id() + "' from " + spec.dir() + ": " + e.getMessage(), e);
    }
  }

  private void checkDimension() {
    int actual = embed("dimension check", Role.PASSAGE).length;
    if (actual != spec.dimension()) {
      close();
      throw new IllegalArgumentException(
          "model '" + spec.id() + "' produces " + actual + "-d vectors but its model.json says dimension "
              + spec.dimension());
    }
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public float[] embed(String text, Role role) {
    return run(encode(text, role));
  }

  /** A text already tokenised for this model: lets a benchmark time the model run alone. */
  public static final class Tokens {
    private final Encoding encoding;

    private Tokens(Encoding encoding) {
      this.encoding = encoding;
    }

    public int length() {
      return encoding.getIds().length;
    }
  }

  /** Tokenises {@code text} (prefix and truncation included) without running the model. */
  public Tokens tokenize(String text, Role role) {
    return new Tokens(encode(text, role));
  }

  /** Runs the model on pre-tokenised input: the raw ONNX Runtime cost of one embedding. */
  public float[] embed(Tokens tokens) {
    return run(tokens.encoding);
  }

  private float[] run(Encoding encoding) {
    Predictor<Encoding, float[]> predictor;
    try {
      predictor = predictors.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddingException("interrupted while waiting for model '" + spec.id() + "'", e);
    }
    try {
      return predictor.predict(encoding);
    } catch (TranslateException e) {
      throw new EmbeddingException("model '" + spec.id() + "' failed: " + e.getMessage(), e);
    } finally {
      predictors.add(predictor);
    }
  }

  @Override
  public int countTokens(String text, Role role) {
    return encode(text, role).getIds().length;
  }

  private Encoding encode(String text, Role role) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("text to embed must not be blank");
    }
    String prefix = role == Role.QUERY ? spec.queryPrefix() : spec.passagePrefix();
    return tokenizer.encode(prefix + text);
  }

  @Override
  public void close() {
    for (Predictor<Encoding, float[]> p : predictors) {
      p.close();
    }
    model.close();
    tokenizer.close();
  }

  /** Feeds one pre-tokenised text to the session in the order the ONNX graph names its inputs. */
  private static final class Translator implements NoBatchifyTranslator<Encoding, float[]> {
    private final ModelSpec spec;
    private List<String> inputNames;

    Translator(ModelSpec spec) {
      this.spec = spec;
    }

    @Override
    public void prepare(TranslatorContext ctx) {
      PairList<String, Shape> inputs = ctx.getModel().describeInput();
      inputNames = inputs == null ? List.of("input_ids", "attention_mask", "token_type_ids") : inputs.keys();
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Encoding enc) {
      NDManager m = ctx.getNDManager();
      NDList list = new NDList(inputNames.size());
      for (String name : inputNames) {
        long[] values =
            switch (name.toLowerCase(Locale.ROOT)) {
              case "input_ids" -> enc.getIds();
              case "attention_mask" -> enc.getAttentionMask();
              case "token_type_ids" -> enc.getTypeIds();
              default ->
                  throw new IllegalStateException(
                      "model '" + spec.id() + "' has an input '" + name + "' papersearch cannot feed");
            };
        NDArray array = m.create(values, new Shape(1, values.length));
        array.setName(name);
        list.add(array);
      }
      return list;
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
      // Output 0 is last_hidden_state, shape (1, tokens, dimension).
      NDArray hidden = list.get(0);
      float[] flat = hidden.toFloatArray();
      int dim = (int) hidden.getShape().get(hidden.getShape().dimension() - 1);
      int tokens = flat.length / dim;
      float[] out = new float[dim];
      if (spec.pooling() == ModelSpec.Pooling.CLS) {
        System.arraycopy(flat, 0, out, 0, dim);
      } else {
        // Batch 1 without padding: every token is attended, so the masked mean is the plain mean.
        for (int t = 0; t < tokens; t++) {
          for (int d = 0; d < dim; d++) {
            out[d] += flat[t * dim + d];
          }
        }
        for (int d = 0; d < dim; d++) {
          out[d] /= tokens;
        }
      }
      if (spec.normalize()) {
        Vectors.normalizeInPlace(out);
      }
      return out;
    }
  }
}
