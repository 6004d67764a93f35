package toynn.cli.formats;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import toynn.io.AtomicFiles;
import toynn.io.JsonFields;
import toynn.io.ModelFormatException;

/**
 * A model path under examination: formats look at it to say whether it is theirs. The text and
 * the JSON tree are read at most once, and only when a format asks for them.
 */
public final class FileProbe {
    private final Path path;
    private String text;
    private JsonObject json;
    private ModelFormatException jsonError;
    private boolean parsed;

    /** A probe of {@code path}; nothing is read yet. */
    public FileProbe(Path path) {
        this.path = path;
    }

    /** The path. */
    public Path path() {
        return path;
    }

    /** The file name in lower case, for formats known by their extension. */
    public String fileName() {
        Path name = path.getFileName();
        return name == null ? "" : name.toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** True when the path is a directory (TF.js models may be given as their folder). */
    public boolean isDirectory() {
        return Files.isDirectory(path);
    }

    /** The file as UTF-8 text (read once; size-limited). */
    public String text() throws IOException {
        if (text == null) {
            text = AtomicFiles.readText(path);
        }
        return text;
    }

    /**
     * The file parsed as a JSON object, or null when it is not one ({@link #jsonError()} says why).
     *
     * @throws IOException when the file cannot be read
     */
    public JsonObject json() throws IOException {
        if (!parsed) {
            parsed = true;
            try {
                json = JsonFields.parseObject(text(), path.toString());
            } catch (ModelFormatException e) {
                jsonError = e;
            }
        }
        return json;
    }

    /** Why {@link #json()} returned null, or null. */
    public ModelFormatException jsonError() {
        return jsonError;
    }
}
