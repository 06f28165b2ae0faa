// ZipCheck reads each zip named on its command line as a streaming reader
// does: with java.util.zip.ZipInputStream, from the first local header to
// the last, every entry read to its end (an embedded .xlsx, a zip itself,
// read the same way). It prints one line per file and exits non-zero, with
// Java's own message, at the first entry it cannot read.
//
// Run as: java ZipCheck.java FILE...   (JDK 11 or later; no compiling)
import java.io.*;
import java.util.zip.*;

public class ZipCheck {
    public static void main(String[] args) throws IOException {
        for (String name : args) {
            try (InputStream in = new BufferedInputStream(new FileInputStream(name))) {
                System.out.println(name + ": " + read(in, name) + " entries");
            }
        }
    }

    // read reads every entry of the zip in in, and returns how many there were.
    static int read(InputStream in, String where) throws IOException {
        ZipInputStream zin = new ZipInputStream(in);
        int n = 0;
        for (ZipEntry e; (e = zin.getNextEntry()) != null; n++) {
            String entry = where + "!" + e.getName();
            if (e.getName().endsWith(".xlsx")) {
                read(new NonClosing(zin), entry);
            } else {
                zin.transferTo(OutputStream.nullOutputStream());
            }
            zin.closeEntry();
        }
        if (n == 0) {
            throw new IOException(where + ": no entries");
        }
        return n;
    }

    // NonClosing reads the current entry of a ZipInputStream; an inner
    // reader that reaches its end does not close the outer one.
    static class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) { super(in); }
        @Override public void close() {}
    }
}
