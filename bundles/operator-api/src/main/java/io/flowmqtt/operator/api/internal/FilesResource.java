package io.flowmqtt.operator.api.internal;

import com.google.gson.JsonObject;
import io.flowmqtt.operator.api.internal.Sessions.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/files?kind=certificate|key|ca}: an uploaded certificate, key or CA bundle, checked
 * ({@link PemInspector}) and stored as {@code <dir>/<sha256>.pem} (or {@code .p12}), readable by the
 * runtime's user only (file 0600, folder 0700): a key is a secret. The same upload twice is the same file.
 * The form then puts the answered path into {@code clientCertificate}, {@code clientKey} or {@code caCertificate}.
 */
final class FilesResource implements Resource {
    static final int MAX_UPLOAD = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(FilesResource.class);

    private final Path dir;
    private final LongSupplier clock;

    FilesResource(Path dir, LongSupplier clock) {
        this.dir = dir.toAbsolutePath().normalize();
        this.clock = clock;
    }

    @Override
    public ApiResponse handle(ApiRequest request, List<String> rest, Session session) throws ApiException {
        if (!rest.isEmpty()) {
            throw new ApiException(404, "no such API: /api/v1/files/" + String.join("/", rest));
        }
        if (!request.method().equals("POST")) {
            throw ApiException.methodNotAllowed("POST");
        }
        String kind = request.query().getOrDefault("kind", "");
        if (!List.of("certificate", "key", "ca").contains(kind)) {
            throw new ApiException(400, "kind must be certificate, key or ca");
        }
        byte[] upload = request.bodyBytes(MAX_UPLOAD);
        boolean pkcs12 = request.contentType() != null && request.contentType().toLowerCase(Locale.ROOT).startsWith("application/x-pkcs12");
        PemInspector.Inspection what = PemInspector.inspect(kind, upload, pkcs12, clock.getAsLong());
        Path file;
        try {
            file = store(upload, what.extension());
        } catch (IOException e) {
            LOG.error("Operator API: an upload cannot be stored in {}", dir, e);
            throw new ApiException(500, "the file cannot be stored in " + dir + ": " + e.getMessage());
        }
        LOG.info("Operator {} uploaded a {} to {} ({})", session.username(), kind, file, what.summary());
        JsonObject body = new JsonObject();
        body.addProperty("path", file.toString());
        body.addProperty("summary", what.summary());
        return ApiResponse.created(body);
    }

    private Path store(byte[] upload, String extension) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        ownerOnly(dir, "rwx------");
        Path target = dir.resolve(sha256(upload) + extension);
        if (Files.exists(target)) {
            ownerOnly(target, "rw-------");
            return target;
        }
        Path temp = Files.createTempFile(dir, ".upload-", ".tmp");
        try {
            ownerOnly(temp, "rw-------"); // before the bytes go in
            Files.write(temp, upload);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // another file system: its own defaults apply
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
