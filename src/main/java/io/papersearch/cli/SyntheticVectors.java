package io.papersearch.cli;

import io.papersearch.embed.Vectors;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic embeddings for scale benchmarks, drawn to match real ones: a multivariate Gaussian with
 * the mean and full covariance of a sample of real abstract embeddings, each draw normalised to unit
 * length as the model's are. That keeps what makes real embeddings hard for HNSW: they are not
 * spread over the sphere but crowd into a narrow anisotropic cone (pairwise cosines well above 0),
 * with the real spectrum of variance across directions. It does not keep topical clusters, which
 * makes nearest-neighbour search harder, not easier; the bench prints both samples' cosine
 * statistics so the match can be checked.
 *
 * <p>Immutable and thread-safe; {@link #draw(long)} is a pure function of its seed, so a paper's
 * vector does not depend on which thread generated it.
 */
final class SyntheticVectors {
  private final int dim;
  private final double[] mean;
  /** Lower-triangular Cholesky factor of the covariance, row-major. */
  private final double[] chol;

  private SyntheticVectors(double[] mean, double[] chol) {
    this.dim = mean.length;
    this.mean = mean;
    this.chol = chol;
  }

  /**
   * Fits the distribution to real vectors.
   *
   * @throws IllegalArgumentException if there are fewer than 2 samples or their dimensions differ
   */
  static SyntheticVectors fit(List<float[]> samples) {
    if (samples.size() < 2) {
      throw new IllegalArgumentException("need at least 2 sample vectors, got " + samples.size());
    }
    int d = samples.get(0).length;
    double[] mean = new double[d];
    for (float[] v : samples) {
      if (v.length != d) {
        throw new IllegalArgumentException("sample vectors must all have " + d + " dimensions, got one of " + v.length);
      }
      for (int i = 0; i < d; i++) {
        mean[i] += v[i];
      }
    }
    for (int i = 0; i < d; i++) {
      mean[i] /= samples.size();
    }
    double[] cov = new double[d * d];
    double[] c = new double[d];
    for (float[] v : samples) {
      for (int i = 0; i < d; i++) {
        c[i] = v[i] - mean[i];
      }
      for (int i = 0; i < d; i++) {
        for (int j = 0; j <= i; j++) {
          cov[i * d + j] += c[i] * c[j];
        }
      }
    }
    double trace = 0;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        cov[i * d + j] /= samples.size() - 1;
      }
      trace += cov[i * d + i];
    }
    // A little ridge keeps the factorisation defined when samples are fewer than dimensions.
    double ridge = 1e-6 * trace / d + 1e-12;
    for (int i = 0; i < d; i++) {
      cov[i * d + i] += ridge;
    }
    return new SyntheticVectors(mean, cholesky(cov, d));
  }

  int dimension() {
    return dim;
  }

  /** The unit vector for {@code seed}: {@code normalise(mean + L z)} with {@code z} standard normal. */
  float[] draw(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] z = new double[dim];
    for (int i = 0; i < dim; i++) {
      z[i] = gaussian(random);
    }
    float[] out = new float[dim];
    for (int i = 0; i < dim; i++) {
      double x = mean[i];
      int row = i * dim;
      for (int j = 0; j <= i; j++) {
        x += chol[row + j] * z[j];
      }
      out[i] = (float) x;
    }
    return Vectors.normalizeInPlace(out);
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller: SplittableRandom has no nextGaussian of its own on every JDK we support.
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }

  /** Cholesky factor of a symmetric positive-definite matrix given by its lower triangle. */
  private static double[] cholesky(double[] a, int d) {
    double[] l = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = a[i * d + j];
        for (int k = 0; k < j; k++) {
          sum -= l[i * d + k] * l[j * d + k];
        }
        if (i == j) {
          if (sum <= 0) {
            throw new IllegalArgumentException("sample covariance is not positive definite at dimension " + i);
          }
          l[i * d + i] = Math.sqrt(sum);
        } else {
          l[i * d + j] = sum / l[j * d + j];
        }
      }
    }
    return l;
  }

  /** Mean and standard deviation of the cosine between {@code pairs} random pairs of unit vectors. */
  static double[] pairwiseCosine(List<float[]> unitVectors, int pairs, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double sum = 0;
    double sumSq = 0;
    for (int p = 0; p < pairs; p++) {
      int a = random.nextInt(unitVectors.size());
      int b = random.nextInt(unitVectors.size() - 1);
      if (b >= a) {
        b++;
      }
      double cos = Vectors.dot(unitVectors.get(a), unitVectors.get(b));
      sum += cos;
      sumSq += cos * cos;
    }
    double mean = sum / pairs;
    return new double[] {mean, Math.sqrt(Math.max(0, sumSq / pairs - mean * mean))};
  }
}
