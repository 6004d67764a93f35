package toynn.cli.plots;

/**
 * One epoch's numbers for {@link TrainingPlot}. NaN means "not measured" (no validation set, or
 * accuracy for regression).
 *
 * @param epoch         1-based epoch number
 * @param trainLoss     mean training loss
 * @param valLoss       validation loss or NaN
 * @param trainAccuracy training accuracy in [0, 1] or NaN
 * @param valAccuracy   validation accuracy in [0, 1] or NaN
 */
public record EpochPoint(int epoch, double trainLoss, double valLoss, double trainAccuracy, double valAccuracy) {
}
