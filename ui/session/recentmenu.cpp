#include "recentmenu.h"

#include "recentfiles.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

RecentMenu::RecentMenu(QMenu *menu, QObject *parent)
    : QObject(parent)
    , m_menu(menu) {
    refresh();
}

void RecentMenu::add(const QString &path) {
    QSettings settings;
    RecentFiles(settings).add(path);
    refresh();
}

void RecentMenu::refresh() {
    m_menu->clear();
    QSettings settings;
    const QStringList files = RecentFiles(settings).files();
    for (int i = 0; i < files.size(); ++i) {
        const QString &path = files.at(i);
        QAction *open =
            m_menu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()),
                              this, [this, path] { Q_EMIT openRequested(path); });
        open->setToolTip(QDir::toNativeSeparators(path));
        open->setStatusTip(QDir::toNativeSeparators(path));
    }
    if (files.isEmpty()) {
        m_menu->addAction(QStringLiteral("No recent sessions"))->setEnabled(false);
        return;
    }
    m_menu->addSeparator();
    m_menu->addAction(QStringLiteral("Clear the list"), this, [this] {
        QSettings settings;
        RecentFiles(settings).clear();
        refresh();
    });
}
