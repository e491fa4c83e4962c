package org.qmgr.shell.internal.access;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * An RSA key pair kept as an unencrypted PKCS#8 PEM file readable by its owner only (the format Karaf's
 * {@code bin/client -k} reads), and the public key as the base64 SSH blob that {@code etc/keys.properties} holds.
 */
final class RsaKeyFile {

    static final int KEY_SIZE = 3072;

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private RsaKeyFile() {
    }

    /** @return a new RSA key pair of {@link #KEY_SIZE} bits */
    static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(KEY_SIZE);
        return generator.generateKeyPair();
    }

    /**
     * Reads a key pair written by {@link #write}.
     *
     * @throws IOException              when the file cannot be read
     * @throws GeneralSecurityException when it holds no RSA private key in PKCS#8 PEM
     */
    static KeyPair read(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException("not a PKCS#8 PEM private key: " + file);
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey key)) {
            throw new GeneralSecurityException("RSA private key without CRT parameters: " + file);
        }
        RSAPublicKeySpec publicSpec = new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent());
        return new KeyPair(rsa.generatePublic(publicSpec), key);
    }

    /**
     * Writes the private key as PKCS#8 PEM: to a temporary file created owner-only, then moved over {@code file},
     * so the key is never readable by others, not even for a moment, and never half-written.
     */
    static void write(KeyPair pair, Path file) throws IOException {
        String pem = BEGIN + "\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded())
                + "\n" + END + "\n";
        Path dir = file.toAbsolutePath().getParent();
        Path temp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(dir, ".qmgr-key", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".qmgr-key", ".tmp");
        try {
            Files.writeString(temp, pem, StandardCharsets.US_ASCII);
            moveOver(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** @return the public key in the SSH wire format ({@code ssh-rsa}, e, n), base64-encoded */
    static String sshPublicKey(KeyPair pair) throws IOException {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            writeString(out, mpint(key.getPublicExponent()));
            writeString(out, mpint(key.getModulus()));
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static void moveOver(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static byte[] mpint(BigInteger value) {
        return value.toByteArray(); // two's complement, big-endian, minimal: exactly an SSH mpint body
    }

    private static void writeString(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }
}
