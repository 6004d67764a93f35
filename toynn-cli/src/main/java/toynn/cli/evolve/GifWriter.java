package toynn.cli.evolve;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import toynn.io.AtomicFiles;

/**
 * Writes a {@link Replay} as an animated GIF with the JDK's GIF writer: indexed frames in one fixed
 * palette, each with a Graphic Control Extension giving its delay, and the NETSCAPE2.0 extension
 * so viewers loop it. Frames are drawn and written one at a time (nothing is held in memory).
 */
public final class GifWriter {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private GifWriter() {
    }

    /**
     * Plays {@code replay} to its end or {@code maxFrames} frames, writing every frame to {@code file}
     * (atomically: a temporary file beside it, then renamed).
     *
     * @return the number of frames written
     */
    public static int write(Replay replay, Path file, int width, int height, int maxFrames) throws IOException {
        IndexColorModel palette = palette();
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, palette);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("this Java has no GIF writer");
        }
        ImageWriter writer = writers.next();
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        int frames = 0;
        try {
            try (ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta = frameMetadata(writer, param, frame, palette,
                        Math.max(2, Math.round(replay.frameMillis() / 10f)));
                writer.prepareWriteSequence(null);
                boolean more = true;
                while (more && frames < maxFrames) {
                    Graphics2D g = frame.createGraphics();
                    try {
                        replay.draw(g, width, height);
                    } finally {
                        g.dispose();
                    }
                    writer.writeToSequence(new IIOImage(frame, null, meta), param);
                    frames++;
                    more = replay.advance();
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
            AtomicFiles.keepPermissions(tmp, file);    // rw-r--r-- like the model and plots beside it
            AtomicFiles.moveOver(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return frames;
    }

    /** Per-frame metadata: our palette as the local colour table, delay in hundredths of a second, loop forever. */
    private static IIOMetadata frameMetadata(ImageWriter writer, ImageWriteParam param, BufferedImage sample,
            IndexColorModel palette, int delayCentiseconds) throws IOException {
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(sample), param);
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayCentiseconds));
        gce.setAttribute("transparentColorIndex", "0");
        // Without an explicit table the writer falls back to a generic palette and the colours come out wrong.
        IIOMetadataNode table = child(root, "LocalColorTable");
        while (table.getLength() > 0) {
            table.removeChild(table.getFirstChild());
        }
        table.setAttribute("sizeOfLocalColorTable", Integer.toString(palette.getMapSize()));
        table.setAttribute("sortFlag", "FALSE");
        for (int i = 0; i < palette.getMapSize(); i++) {
            IIOMetadataNode entry = new IIOMetadataNode("ColorTableEntry");
            entry.setAttribute("index", Integer.toString(i));
            entry.setAttribute("red", Integer.toString(palette.getRed(i)));
            entry.setAttribute("green", Integer.toString(palette.getGreen(i)));
            entry.setAttribute("blue", Integer.toString(palette.getBlue(i)));
            table.appendChild(entry);
        }
        IIOMetadataNode apps = child(root, "ApplicationExtensions");
        IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
        app.setAttribute("applicationID", "NETSCAPE");
        app.setAttribute("authenticationCode", "2.0");
        app.setUserObject(new byte[] {1, 0, 0});                  // sub-block 1: loop count 0 = forever
        apps.appendChild(app);
        meta.setFromTree(FORMAT, root);
        return meta;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    /** The replays' fixed colours plus the heat-map ramp, padded to 64 entries (a GIF table is a power of two). */
    private static IndexColorModel palette() {
        int used = Palette.FIXED.length + Palette.RAMP_STEPS;
        int n = 64;
        if (used > n) {
            throw new IllegalStateException("palette has " + used + " colours; at most " + n);
        }
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            Color c = i < Palette.FIXED.length ? Palette.FIXED[i]
                    : i < used ? Palette.rampStep(i - Palette.FIXED.length) : Palette.BACKGROUND;
            r[i] = (byte) c.getRed();
            g[i] = (byte) c.getGreen();
            b[i] = (byte) c.getBlue();
        }
        return new IndexColorModel(8, n, r, g, b);
    }
}
