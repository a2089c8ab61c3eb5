#pragma once

#include <QStringList>

class QSettings;

/// The sessions opened or saved lately, newest first (QSettings "session/recent").
class RecentFiles {
public:
    static constexpr int MaxFiles = 10;

    explicit RecentFiles(QSettings &settings);

    /// Existing files only, newest first.
    QStringList files() const;
    void add(const QString &path);
    void remove(const QString &path);
    void clear();

private:
    void write(const QStringList &files);

    QSettings &m_settings;
};
