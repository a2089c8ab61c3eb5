#pragma once

#include <QString>

/**
 * The file checks and names SessionController needs before it touches the pipeline:
 * which files are HAR, whether a session can be recorded into or a target written, and
 * the names suggested for new files. Each check returns an empty string when all is well,
 * else the sentence to show the user.
 */
namespace SessionPaths {

/// A HAR file, by content (a SQLite header is never HAR), else by its .har suffix.
bool isHarFile(const QString &path);
/// Why path cannot be opened as the session to record into (missing, foreign, damaged,
/// read-only, or open elsewhere).
QString openProblem(const QString &path);
/// target with ".mwsession" added when it has no suffix, made absolute.
QString saveTarget(const QString &path);
/// Why the session in current cannot be saved to target (the same file, open elsewhere,
/// a folder). Changes nothing: Save As replaces an existing target only once its copy is
/// complete (SessionFile::saveCopy).
QString saveProblem(const QString &target, const QString &current);
/// Whether saving to what the user typed (path) would replace a file the save dialog
/// did not ask about: saveTarget() added ".mwsession" and that file exists.
bool replacesUnasked(const QString &path, const QString &target);
/// One sentence for a file the app cannot use: its path once (core's error may start with
/// it), what could not be done (failure, e.g. "cannot be opened"), and why; for a file
/// that is not a session at all, what the app does open.
QString describeFailure(const QString &path, const QString &failure, const QString &error);
/// Why otherPath cannot be appended to the session in current.
QString appendProblem(const QString &otherPath, const QString &current);
/// Documents (else home)/mews-webhooks-<date>-<time>.mwsession.
QString suggestedSavePath();
/// Where closing without questions keeps an untitled session's captures.
QString keptUnsavedPath();

} // namespace SessionPaths
