#pragma once

#include "sessionfile.h"

#include <QList>
#include <QString>

/**
 * The untitled session the app records into before the user saves it, kept in
 * QStandardPaths::AppDataLocation/live/, and recovery of one left behind by a
 * crash or kill (its file says it was not closed cleanly and nobody has it open).
 */
namespace LiveSession {

/// AppDataLocation/live (created when missing).
QString directory();
/// A new, unused file name in dir (default: directory()), e.g.
/// "live-20240501-101500-1234.mwsession". Does not create the file.
QString newPath(const QString &dir = QString());

/// Leftover live sessions with captures whose app did not close them and that no
/// running instance has open, newest first. Empty leftovers are deleted on the way.
QList<SessionInfo> findRecoverable(const QString &dir = QString());

/// Keeps a leftover as a named session: moves it to target (see SessionFile::move).
bool recoverTo(const QString &path, const QString &target, QString *error);
/// Deletes a leftover (with its -wal/-shm/lock files).
bool discard(const QString &path, QString *error);

} // namespace LiveSession
