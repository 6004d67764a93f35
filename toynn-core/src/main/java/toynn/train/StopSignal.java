package toynn.train;

/** The flag a listener sets through {@code stop()}; read by the training loop. */
final class StopSignal {
    boolean requested;
}
