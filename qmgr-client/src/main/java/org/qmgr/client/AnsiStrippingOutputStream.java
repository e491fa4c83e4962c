package org.qmgr.client;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Drops ANSI escape sequences (ESC [ parameters final-byte, and two-byte ESC x) from a byte stream, for output
 * that goes to a file or a pipe: Karaf colours its error messages whatever the client is.
 */
final class AnsiStrippingOutputStream extends FilterOutputStream {

    private static final int ESC = 0x1b;

    private enum State { TEXT, ESCAPE, CONTROL_SEQUENCE }

    private State state = State.TEXT;

    AnsiStrippingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int text = offset; // start of the text not yet written
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i] & 0xff;
            switch (state) {
                case TEXT -> {
                    if (b == ESC) {
                        out.write(bytes, text, i - text);
                        state = State.ESCAPE;
                    }
                }
                case ESCAPE -> {
                    state = b == '[' ? State.CONTROL_SEQUENCE : State.TEXT;
                    text = i + 1;
                }
                case CONTROL_SEQUENCE -> {
                    if (b >= 0x40 && b <= 0x7e) {
                        state = State.TEXT;
                    }
                    text = i + 1;
                }
            }
        }
        if (state == State.TEXT) {
            out.write(bytes, text, offset + length - text);
        }
    }
}
