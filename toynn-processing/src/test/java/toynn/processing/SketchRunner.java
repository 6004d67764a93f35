package toynn.processing;

import java.util.ArrayList;
import java.util.List;
import processing.core.PApplet;
import processing.core.PConstants;
import processing.event.KeyEvent;
import processing.event.MouseEvent;

/**
 * Runs one compiled sketch in its own JVM (on an X display, e.g. Xvfb) the way Processing does,
 * with {@link PApplet#runSketch} and the JAVA2D renderer; feeds it scripted key and mouse events
 * through {@link PApplet#postEvent}, the queue the real window uses; saves frames with
 * {@link PApplet#save}; and exits.
 *
 * <pre>
 * java -cp core.jar:toynn.jar:sketch-classes:test-classes toynn.processing.SketchRunner \
 *      ClassName FRAMES OUT_DIR [FRAME:key:C | FRAME:press:X,Y | FRAME:drag:X,Y | FRAME:release:X,Y | FRAME:save:NAME]...
 * </pre>
 * At frame {@code FRAMES} it saves {@code OUT_DIR/final.png} and exits with 0. Any exception on the
 * sketch's thread prints its stack trace and exits with 3; a sketch that stops drawing for 20 s exits with 4.
 */
public final class SketchRunner {
    static final int EXIT_EXCEPTION = 3;
    static final int EXIT_TIMEOUT = 4;

    private SketchRunner() {
    }

    /** One scripted action at a frame. */
    record Action(int frame, String kind, String arg) {
        static Action parse(String s) {
            String[] p = s.split(":", 3);
            if (p.length != 3) {
                throw new IllegalArgumentException("action must be FRAME:KIND:ARG, got " + s);
            }
            return new Action(Integer.parseInt(p[0]), p[1], p[2]);
        }
    }

    public static void main(String[] args) throws Exception {
        String className = args[0];
        int frames = Integer.parseInt(args[1]);
        String outDir = args[2];
        List<Action> script = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            script.add(Action.parse(args[i]));
        }
        PApplet sketch = (PApplet) Class.forName(className).getDeclaredConstructor().newInstance();
        Driver driver = new Driver(sketch, frames, outDir, script);
        sketch.registerMethod("post", driver);
        failOnUncaughtException();
        PApplet.runSketch(new String[] {className}, sketch);
        failOnUncaughtException();   // runSketch installs Processing's handler, which only prints

        // Watchdog: a sketch that stops drawing fails instead of blocking the build.
        int lastFrame = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            Thread.sleep(200);
            int frame = sketch.frameCount;
            if (frame != lastFrame) {
                lastFrame = frame;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > 20_000_000_000L) {
                System.err.println("sketch " + className + " stopped at frame " + frame + " of " + frames);
                Runtime.getRuntime().halt(EXIT_TIMEOUT);
            }
        }
    }

    /** Any exception on the sketch's threads ends the run with {@link #EXIT_EXCEPTION}. */
    static void failOnUncaughtException() {
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            System.err.println("sketch failed on thread " + t.getName() + ":");
            e.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_EXCEPTION);
        });
    }

    /** Called by Processing after each frame is drawn ({@code post}); must be public for registerMethod. */
    public static final class Driver {
        private final PApplet sketch;
        private final int frames;
        private final String outDir;
        private final List<Action> script;

        Driver(PApplet sketch, int frames, String outDir, List<Action> script) {
            this.sketch = sketch;
            this.frames = frames;
            this.outDir = outDir;
            this.script = script;
        }

        /** After frame {@code frameCount}: post this frame's events, save when asked, stop at the end. */
        public void post() {
            int frame = sketch.frameCount;
            if (frame == 1) {
                failOnUncaughtException();
                sketch.frameRate(200);                          // no need to wait 1/60 s per frame here
                sketch.hint(PConstants.DISABLE_ASYNC_SAVEFRAME);   // save() writes the file before it returns
            }
            for (Action a : script) {
                if (a.frame() == frame) {
                    perform(a);
                }
            }
            if (frame >= frames) {
                sketch.save(outDir + "/final.png");
                System.out.println("ran " + frame + " frames");
                System.out.flush();
                System.exit(0);
            }
        }

        private void perform(Action a) {
            long now = System.currentTimeMillis();
            switch (a.kind()) {
                case "key" -> {
                    char c = a.arg().equals("space") ? ' ' : a.arg().charAt(0);
                    sketch.postEvent(new KeyEvent(null, now, KeyEvent.PRESS, 0, c, c, false));
                    sketch.postEvent(new KeyEvent(null, now, KeyEvent.TYPE, 0, c, 0, false));
                    sketch.postEvent(new KeyEvent(null, now, KeyEvent.RELEASE, 0, c, c, false));
                }
                case "press" -> mouse(MouseEvent.PRESS, a.arg(), now);
                case "drag" -> mouse(MouseEvent.DRAG, a.arg(), now);
                case "release" -> mouse(MouseEvent.RELEASE, a.arg(), now);
                case "click" -> {
                    mouse(MouseEvent.PRESS, a.arg(), now);
                    mouse(MouseEvent.RELEASE, a.arg(), now);
                    mouse(MouseEvent.CLICK, a.arg(), now);
                }
                case "save" -> sketch.save(outDir + "/" + a.arg() + ".png");
                default -> throw new IllegalArgumentException("unknown action " + a);
            }
        }

        private void mouse(int action, String xy, long now) {
            String[] p = xy.split(",");
            int x = Integer.parseInt(p[0].trim());
            int y = Integer.parseInt(p[1].trim());
            sketch.postEvent(new MouseEvent(null, now, action, 0, x, y, PConstants.LEFT, 1));
        }
    }
}
