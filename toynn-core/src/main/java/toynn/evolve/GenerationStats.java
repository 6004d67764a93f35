package toynn.evolve;

/**
 * The statistics of one evaluated generation.
 *
 * @param generation the generation (0 = the first)
 * @param best       the highest fitness
 * @param mean       the mean fitness
 * @param worst      the lowest fitness
 * @param diversity  the mean Euclidean distance of the networks' parameter vectors to their centroid
 *                   ({@link Diversity#meanDistanceToCentroid}); 0 when all are equal
 * @param bestIndex  the index of the (first) network with the highest fitness
 */
public record GenerationStats(int generation, double best, double mean, double worst, double diversity, int bestIndex) {
}
