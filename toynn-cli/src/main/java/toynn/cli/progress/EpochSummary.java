package toynn.cli.progress;

/**
 * The numbers of one finished epoch. NaN means "not measured" (no validation set; accuracy for regression).
 *
 * @param epoch            1-based epoch number
 * @param epochs           epochs planned in all
 * @param loss             mean training loss
 * @param accuracy         training accuracy in [0, 1] or NaN
 * @param valLoss          validation loss or NaN
 * @param valAccuracy      validation accuracy or NaN
 * @param samplesPerSecond training speed
 * @param seconds          wall time of the epoch
 */
public record EpochSummary(int epoch, int epochs, double loss, double accuracy, double valLoss, double valAccuracy,
                           double samplesPerSecond, double seconds) {
}
