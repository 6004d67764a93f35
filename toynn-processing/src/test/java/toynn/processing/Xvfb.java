package toynn.processing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A private X server (Debian package {@code xvfb}) for running sketches without a screen. */
final class Xvfb implements AutoCloseable {
    private final Process process;
    private final String display;

    private Xvfb(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    /** The {@code Xvfb} executable on the PATH, if installed. */
    static Optional<Path> executable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "Xvfb");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts Xvfb on a free display: {@code -displayfd} makes the server pick one and print its number,
     * so parallel builds on one machine do not collide.
     */
    static Xvfb start(Path executable, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(executable.toString(), "-displayfd", "1", "-screen", "0", "1280x1024x24",
                "-nolisten", "tcp")
                .redirectError(log.toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String number;
        try {
            number = line.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            number = null;
        }
        if (number == null || !number.trim().matches("\\d+")) {
            p.destroyForcibly();
            throw new IOException("Xvfb did not report a display number (got " + number + "); see " + log);
        }
        return new Xvfb(p, ":" + number.trim());
    }

    /** The value for {@code DISPLAY}, e.g. {@code ":1"}. */
    String display() {
        return display;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
