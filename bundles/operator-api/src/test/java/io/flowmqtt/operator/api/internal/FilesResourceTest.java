package io.flowmqtt.operator.api.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import io.flowmqtt.operator.api.internal.Sessions.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/** Uploads of certificates, keys and CA bundles: checked, summarised, stored for the runtime's user only. */
public class FilesResourceTest {
    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private static final long NOW = 1_800_000_000_000L;
    private static Pems client;
    private static Pems ca;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @BeforeClass
    public static void makeCertificates() throws Exception {
        client = new Pems("CN=device-7,O=Flow", NOW + 86_400_000L * 365);
        ca = new Pems("CN=Plant CA", NOW - 1000);
    }

    private ApiResponse upload(String kind, byte[] body, String contentType) throws ApiException {
        Path dir = folder.getRoot().toPath().resolve("data").resolve("certs");
        return new FilesResource(dir, () -> NOW).handle(new Requests().query(Map.of("kind", kind)).contentType(contentType)
                .call("POST", "/files", body), List.of(), new Session("admin", "t"));
    }

    private ApiResponse upload(String kind, byte[] body) throws ApiException {
        return upload(kind, body, "application/x-pem-file");
    }

    private static String refusal(FilesCall call) throws Exception {
        try {
            call.run();
            throw new AssertionError("accepted");
        } catch (ApiException e) {
            assertEquals(400, e.response().status());
            return e.getMessage();
        }
    }

    @FunctionalInterface
    private interface FilesCall {
        void run() throws Exception;
    }

    @Test
    public void aCertificateIsStoredForTheRuntimesUserOnlyAndSummarised() throws Exception {
        byte[] pem = client.certificatePem();
        ApiResponse response = upload("certificate", pem);
        assertEquals(201, response.status());
        JsonObject body = response.body().getAsJsonObject();
        Path file = Path.of(body.get("path").getAsString());
        assertTrue(file.getFileName().toString().matches("[0-9a-f]{64}\\.pem"));
        assertArrayEquals(pem, Files.readAllBytes(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertTrue(body.get("summary").getAsString(), body.get("summary").getAsString().startsWith("CN=device-7,O=Flow, valid until 2028-01"));
        assertEquals(body, upload("certificate", pem).body()); // the same upload is the same file
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    public void keysAndCaBundlesAreSummarisedWithoutKeyMaterial() throws Exception {
        ApiResponse key = upload("key", client.keyPem());
        assertEquals("RSA private key (2048 bit)", key.body().getAsJsonObject().get("summary").getAsString());
        assertEquals("encrypted private key; its password goes into clientKeyPassword",
                upload("key", client.encryptedKeyPem()).body().getAsJsonObject().get("summary").getAsString());
        String bundle = upload("ca", Pems.concat(ca.certificatePem(), client.certificatePem())).body().getAsJsonObject()
                .get("summary").getAsString();
        assertTrue(bundle, bundle.startsWith("CN=Plant CA, expired on 2027-01-15; and 1 more CA certificate(s)"));
        ApiResponse p12 = upload("certificate", client.pkcs12(), "application/x-pkcs12");
        assertTrue(p12.body().getAsJsonObject().get("path").getAsString().endsWith(".p12"));
        assertFalse(Json.GSON.toJson(key.body()).contains("MII"));
    }

    @Test
    public void anUploadOfTheWrongKindIsRefused() throws Exception {
        assertTrue(refusal(() -> upload("certificate", client.keyPem())).contains("holds a private key"));
        assertTrue(refusal(() -> upload("ca", Pems.concat(client.certificatePem(), client.keyPem()))).contains("holds a private key"));
        assertTrue(refusal(() -> upload("key", client.certificatePem())).startsWith("a key upload must hold exactly one private key"));
        assertTrue(refusal(() -> upload("key", Pems.concat(client.keyPem(), ca.keyPem()))).contains("2 key(s)"));
        assertTrue(refusal(() -> upload("certificate", "hello".getBytes(StandardCharsets.UTF_8))).startsWith("this is not PEM text"));
        assertTrue(refusal(() -> upload("certificate", "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"
                .getBytes(StandardCharsets.US_ASCII))).startsWith("this is not readable PEM text"));
        assertTrue(refusal(() -> upload("certificate", "not pkcs12".getBytes(StandardCharsets.UTF_8), "application/x-pkcs12"))
                .equals("this is not a PKCS#12 file"));
        assertTrue(refusal(() -> upload("key", client.pkcs12(), "application/x-pkcs12")).contains("only be a client certificate"));
        assertTrue(refusal(() -> upload("secret", client.certificatePem())).startsWith("kind must be"));
        Path certs = folder.getRoot().toPath().resolve("data").resolve("certs");
        if (Files.exists(certs)) {
            try (var files = Files.list(certs)) {
                assertFalse("nothing refused is stored", files.findAny().isPresent());
            }
        }
    }

    @Test
    public void anOversizedUploadIs413() throws Exception {
        try {
            upload("certificate", new byte[FilesResource.MAX_UPLOAD + 1]);
            throw new AssertionError("accepted");
        } catch (ApiException e) {
            assertEquals(413, e.response().status());
        }
    }
}
