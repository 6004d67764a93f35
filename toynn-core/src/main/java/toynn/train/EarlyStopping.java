package toynn.train;

/**
 * Stop when the monitored loss (validation loss if there is validation data, else training loss)
 * has not improved by more than {@code minDelta} for {@code patience} epochs in a row (Prechelt 1998,
 * "Early stopping — but when?"). With {@code restoreBestWeights} the network ends with the weights of
 * its best epoch (the optimizer's state is not rolled back). Continuing a saved run carries the patience
 * count and best weights over with {@link FitOptions#resumeEarlyStopping(EarlyStoppingState)}.
 *
 * @param patience           epochs without improvement before stopping, ≥ 1
 * @param minDelta           how much lower the loss must be to count as an improvement, ≥ 0
 * @param restoreBestWeights put back the best epoch's weights when training ends
 */
public record EarlyStopping(int patience, double minDelta, boolean restoreBestWeights) {
    /** @throws IllegalArgumentException unless {@code patience ≥ 1} and {@code minDelta ≥ 0}, finite */
    public EarlyStopping {
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping patience must be ≥ 1 epoch, got " + patience);
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("early stopping minDelta must be a finite number ≥ 0, got " + minDelta);
        }
    }
}
