package io.flowmqtt.transport.internal;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;

/**
 * Device-ID collision detection. Two devices configured with the same prefix and device ID would
 * overwrite each other's topics and retained status without anybody noticing. After every connect
 * an interface announces its client id on {@code <root>/status/owner} (not retained) and listens
 * there: an announcement from another client id means another device publishes under the same
 * root. The first announcement is answered once (a reply is never answered), so both sides learn.
 */
final class CollisionWatch {
    /** What an announcement from another client says. */
    record Finding(String otherClientId, String otherInterface, boolean answer) {
    }

    private CollisionWatch() {
    }

    static String topic(String topicRoot) {
        return topicRoot + "/status/owner";
    }

    static byte[] announcement(String clientId, String interfaceName, boolean reply) {
        JsonObject json = new JsonObject();
        json.addProperty("client_id", clientId);
        json.addProperty("interface", interfaceName);
        json.addProperty("reply", reply);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A finding when the payload is another client's announcement; {@code null} for our own or garbage. */
    static Finding examine(byte[] payload, String ownClientId) {
        try {
            JsonObject json = JsonParser.parseString(new String(payload, StandardCharsets.UTF_8)).getAsJsonObject();
            String other = json.get("client_id").getAsString();
            if (other.equals(ownClientId)) {
                return null;
            }
            String otherInterface = json.has("interface") ? json.get("interface").getAsString() : "?";
            boolean reply = json.has("reply") && json.get("reply").getAsBoolean();
            return new Finding(other, otherInterface, !reply);
        } catch (RuntimeException e) {
            return null; // not an announcement: somebody else's message on our topic
        }
    }
}
