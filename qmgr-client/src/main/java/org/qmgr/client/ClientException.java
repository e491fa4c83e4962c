package org.qmgr.client;

/** The command could not be run, or its outcome is unknown; bin/qmgr exits with {@value #EXIT_STATUS}. */
final class ClientException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Like OpenSSH's ssh: a failure of the connection rather than of the command. */
    static final int EXIT_STATUS = 255;

    ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
