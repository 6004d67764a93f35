package toynn.evolve;

import java.util.List;
import toynn.NeuralNetwork;
import toynn.layers.Dense;

/**
 * How spread out a population is in weight space. Each network is read as its flattened parameter
 * vector {@code θ} (layer by layer, weights then bias); with centroid {@code c = mean θ_i},
 * diversity is {@code mean_i ‖θ_i − c‖}. Sums run in double in index order, so the result is
 * reproducible bit for bit.
 */
public final class Diversity {
    private Diversity() {
    }

    /**
     * {@code mean_i ‖θ_i − c‖}, the mean distance to the centroid.
     *
     * @throws IllegalArgumentException if the list is empty or the networks differ in parameter count
     */
    public static double meanDistanceToCentroid(List<NeuralNetwork> networks) {
        if (networks.isEmpty()) {
            throw new IllegalArgumentException("diversity needs at least one network");
        }
        int p = networks.get(0).parameterCount();
        double[] centroid = new double[p];                  // c = mean θ_i        (p)
        for (NeuralNetwork nn : networks) {
            if (nn.parameterCount() != p) {
                throw new IllegalArgumentException("diversity needs networks of one shape; got " + p + " and "
                        + nn.parameterCount() + " parameters");
            }
            int o = 0;
            for (Dense d : nn.layers()) {
                o = add(centroid, o, d.weights());
                o = add(centroid, o, d.bias());
            }
        }
        for (int j = 0; j < p; j++) {
            centroid[j] /= networks.size();
        }
        double total = 0;
        for (NeuralNetwork nn : networks) {
            double sq = 0;                                  // ‖θ_i − c‖²
            int o = 0;
            for (Dense d : nn.layers()) {
                for (float w : d.weights()) {
                    double diff = w - centroid[o++];
                    sq += diff * diff;
                }
                for (float b : d.bias()) {
                    double diff = b - centroid[o++];
                    sq += diff * diff;
                }
            }
            total += Math.sqrt(sq);
        }
        return total / networks.size();
    }

    private static int add(double[] sum, int offset, float[] values) {
        for (float v : values) {
            sum[offset++] += v;
        }
        return offset;
    }
}
