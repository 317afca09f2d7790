/**
 * Verified email: the link mailed at sign-up and on every change of address, the page
 * where the address is changed and the link sent again. Until an address is verified it gets
 * no mail but this.
 */
@NullMarked
package dev.latchkey.server.email;

import org.jspecify.annotations.NullMarked;
