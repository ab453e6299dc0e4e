/**
 * The operator's login as other HTTP endpoints see it, so that an endpoint of another bundle (metrics,
 * health) can sit behind the same login as the operator API without knowing how sessions are kept.
 */
@Export
@Version("1.0.0")
package io.flowmqtt.api.login;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
