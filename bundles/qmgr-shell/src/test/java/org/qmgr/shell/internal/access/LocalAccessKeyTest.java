package org.qmgr.shell.internal.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAccessKeyTest {

    private static final String STOCK = """
            # comment about users
            #qmgr-cli = commented out, stays
            _g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh
            """;

    @TempDir
    Path etc;

    private Path keyFile;
    private Path keys;

    @BeforeEach
    void stockKeysProperties() throws IOException {
        keyFile = etc.resolve(LocalAccessKey.KEY_FILE);
        keys = etc.resolve("keys.properties");
        Files.writeString(keys, STOCK, StandardCharsets.ISO_8859_1);
    }

    @Test
    void firstStartWritesAnOwnerOnlyKeyAndAuthorizesIt() throws Exception {
        new LocalAccessKey(etc).provision();

        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        String blob = RsaKeyFile.sshPublicKey(RsaKeyFile.read(keyFile));
        assertThat(Files.readAllLines(keys)).containsExactly(
                "# comment about users",
                "#qmgr-cli = commented out, stays",
                "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh",
                "qmgr-cli = " + blob + ",_g_:admingroup");
        assertThat(etc).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void laterStartsChangeNothing() throws Exception {
        new LocalAccessKey(etc).provision();
        String key = Files.readString(keyFile);
        Files.writeString(keys, Files.readString(keys).replace(",_g_:admingroup", ",ssh,qmgr-admin"));
        String customized = Files.readString(keys);

        new LocalAccessKey(etc).provision();

        assertThat(Files.readString(keyFile)).isEqualTo(key);
        assertThat(Files.readString(keys)).isEqualTo(customized);
    }

    @Test
    void aStaleEntryIsReplacedAndAGarbledKeyRegenerated() throws Exception {
        Files.writeString(keys, STOCK + "qmgr-cli = AAAAold\\\n    continued,_g_:admingroup\nother = AAAA,ssh\n");
        Files.writeString(keyFile, "garbage");

        new LocalAccessKey(etc).provision();

        String blob = RsaKeyFile.sshPublicKey(RsaKeyFile.read(keyFile));
        List<String> lines = Files.readAllLines(keys);
        assertThat(lines).doesNotContain("    continued,_g_:admingroup").contains("other = AAAA,ssh");
        assertThat(lines).filteredOn(l -> l.startsWith("qmgr-cli"))
                .containsExactly("qmgr-cli = " + blob + ",_g_:admingroup");
    }

    @Test
    void theBlobIsTheSshWireFormatOfThePublicKey() throws Exception {
        new LocalAccessKey(etc).provision();
        RSAPublicKey key = (RSAPublicKey) RsaKeyFile.read(keyFile).getPublic();

        DataInputStream in = new DataInputStream(new ByteArrayInputStream(
                Base64.getDecoder().decode(RsaKeyFile.sshPublicKey(RsaKeyFile.read(keyFile)))));

        assertThat(new String(field(in), StandardCharsets.US_ASCII)).isEqualTo("ssh-rsa");
        assertThat(new BigInteger(field(in))).isEqualTo(key.getPublicExponent());
        assertThat(new BigInteger(field(in))).isEqualTo(key.getModulus());
        assertThat(key.getModulus().bitLength()).isEqualTo(RsaKeyFile.KEY_SIZE);
        assertThat(in.available()).isZero();
    }

    private static byte[] field(DataInputStream in) throws IOException {
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        return value;
    }
}
