package toynn.spark;

/**
 * What one epoch of Spark training did. Losses are means per example without the weight-decay term;
 * the training loss and accuracy are averaged over the epoch's batches as they were trained (as
 * {@code fit} reports them). NaN means not measured (no validation data; accuracy for regression).
 *
 * @param epoch            this epoch's number, from 1
 * @param epochs           epochs in the run
 * @param trainLoss        mean training loss
 * @param trainAccuracy    training accuracy in [0, 1], or NaN
 * @param valLoss          validation loss, or NaN
 * @param valAccuracy      validation accuracy, or NaN
 * @param samplesPerSecond training examples per second of wall time
 * @param seconds          wall time of the epoch, validation included
 * @param jobs             Spark jobs run for the epoch's training (one per step or averaging round)
 */
public record SparkEpoch(int epoch, int epochs, double trainLoss, double trainAccuracy, double valLoss,
                         double valAccuracy, double samplesPerSecond, double seconds, int jobs) {
}
