package toynn.cli.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import toynn.NeuralNetwork;
import toynn.cli.plots.EpochPoint;
import toynn.train.EarlyStoppingState;

/**
 * Writes {@code toynn train}'s checkpoints: every {@code every} epochs (and after the last), and on
 * Ctrl-C the last completed epoch even when it was not due — from a copy kept at that epoch's end, so
 * the file holds an epoch boundary (weights, optimizer state, epochs done; the random streams follow
 * from the seed and the epoch) and resuming from it gives the uninterrupted run's model bit for bit.
 * A partly done epoch is never saved: resuming repeats it.
 */
public final class Checkpointer {
    private final Path file;
    private final int every;
    private final TrainSettings settings;
    private final boolean fileIsThisRuns;    // a file already on disk holds this run (resumed from it)
    private int writtenEpoch = -1;           // guarded by this
    private volatile Snapshot latest;        // the last completed epoch not yet on disk, or null

    private record Snapshot(int epoch, List<EpochPoint> history, NeuralNetwork network, EarlyStoppingState early) {
    }

    /**
     * @param every write every this many epochs; 0 turns checkpoints off (also on Ctrl-C)
     */
    public Checkpointer(Path file, int every, TrainSettings settings) {
        this(file, every, settings, true);
    }

    /**
     * @param every          write every this many epochs; 0 turns checkpoints off (also on Ctrl-C)
     * @param fileIsThisRuns whether a checkpoint already at {@code file} is this run's (it resumed from that
     *                       file); when false, such a file is another run's and {@link #writeLatest()} does
     *                       not count it as saved
     */
    public Checkpointer(Path file, int every, TrainSettings settings, boolean fileIsThisRuns) {
        this.file = file;
        this.every = every;
        this.settings = settings;
        this.fileIsThisRuns = fileIsThisRuns;
    }

    /** The checkpoint file. */
    public Path file() {
        return file;
    }

    /** Whether checkpoints are written at all. */
    public boolean enabled() {
        return every > 0;
    }

    /**
     * Called at the end of each epoch on the training thread: writes the checkpoint when due, else keeps
     * a copy of this epoch's state for {@link #writeLatest()}.
     */
    public void epochEnded(int epoch, int epochs, List<EpochPoint> history, NeuralNetwork nn) {
        epochEnded(epoch, epochs, history, nn, null);
    }

    /**
     * As {@link #epochEnded(int, int, List, NeuralNetwork)}, with early stopping's state at this epoch's end
     * (null for none), which the checkpoint keeps for {@code --resume}.
     */
    public void epochEnded(int epoch, int epochs, List<EpochPoint> history, NeuralNetwork nn,
                           EarlyStoppingState early) {
        if (!enabled()) {
            return;
        }
        if (epoch % every == 0 || epoch == epochs) {
            latest = null;
            write(epoch, history, nn, early);
        } else {
            latest = new Snapshot(epoch, new ArrayList<>(history), nn.copy(), early);
        }
    }

    /**
     * Writes the last completed epoch if it is newer than the checkpoint on disk (Ctrl-C: called from a
     * shutdown hook while training may still run).
     *
     * @return true when a checkpoint of this run exists afterwards
     */
    public boolean writeLatest() {
        if (!enabled()) {
            return false;
        }
        Snapshot s = latest;
        if (s != null) {
            write(s.epoch(), s.history(), s.network(), s.early());
        }
        synchronized (this) {
            return writtenEpoch >= 0 || fileIsThisRuns && java.nio.file.Files.exists(file);
        }
    }

    private synchronized void write(int epoch, List<EpochPoint> history, NeuralNetwork nn, EarlyStoppingState early) {
        if (epoch <= writtenEpoch) {
            return;                           // never replace a newer checkpoint with an older one
        }
        try {
            Checkpoint.write(file, epoch, settings, history, nn, early);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writtenEpoch = epoch;
    }
}
