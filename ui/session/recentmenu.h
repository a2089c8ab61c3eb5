#pragma once

#include <QObject>

class QMenu;

/**
 * File → Recent: the sessions in RecentFiles (QSettings), numbered for the keyboard, with
 * their full paths as tooltips, and "Clear the list". Choosing one emits openRequested().
 */
class RecentMenu : public QObject {
    Q_OBJECT

public:
    /// Fills menu (which must outlive this object) from the saved list.
    explicit RecentMenu(QMenu *menu, QObject *parent = nullptr);

    /// Puts path first in the saved list and shows it.
    void add(const QString &path);
    /// Rebuilds the menu from the saved list.
    void refresh();

Q_SIGNALS:
    void openRequested(const QString &path);

private:
    QMenu *m_menu;
};
