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
/// or an existing file that cannot be deleted). Deletes an existing target: the save
/// dialog has asked to overwrite it.
QString prepareSaveTarget(const QString &target, const QString &current);
/// Why otherPath cannot be appended to the session in current.
QString appendProblem(const QString &otherPath, const QString &current);
/// Documents (else home)/mews-webhooks-<date>-<time>.mwsession.
QString suggestedSavePath();
/// Where closing without questions keeps an untitled session's captures.
QString keptUnsavedPath();

} // namespace SessionPaths
