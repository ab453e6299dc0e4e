/**
 * Helpers that several FLOW bundles share but that are no API: this package is not exported, so it can change in
 * any release. A bundle that uses it copies the classes it needs into itself with bnd's
 * {@code -conditionalpackage: io.flowmqtt.api.internal} (in the bundle's {@code bnd.bnd}); nothing imports it at
 * runtime.
 */
package io.flowmqtt.api.internal;
