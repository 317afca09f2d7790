/**
 * What every page shares and no feature owns: the signed-in user, form errors, relative
 * times, the content security policy, request body limits, and the home page.
 */
@NullMarked
package dev.latchkey.server.web;

import org.jspecify.annotations.NullMarked;
