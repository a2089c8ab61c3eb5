#pragma once

class QAction;
class QMenu;
class QMainWindow;
class QToolBar;
class QWidget;

/**
 * Every command of the main window as a QAction with its standard shortcut, and the
 * menus and toolbar built from them, so MainWindow only connects them.
 */
struct WindowActions {
    // File
    QAction *newSession = nullptr;
    QAction *open = nullptr;
    QMenu *recent = nullptr;
    QAction *save = nullptr;
    QAction *saveAs = nullptr;
    QAction *appendSession = nullptr;
    QAction *importHar = nullptr;
    QAction *exportAllHar = nullptr;
    QAction *exportAllJsonl = nullptr;
    QAction *exportSelectedHar = nullptr;
    QAction *exportSelectedJsonl = nullptr;
    QAction *salvage = nullptr; ///< Salvage damaged session…
    QAction *quit = nullptr;
    // Edit
    QMenu *edit = nullptr;
    QAction *copy = nullptr; ///< copies the focused widget's selection (FocusCopy)
    QAction *copyCurl = nullptr;
    QAction *resend = nullptr; ///< Capture → Resend to…
    QAction *find = nullptr;
    QAction *clearFilters = nullptr;
    // Capture
    QAction *listen = nullptr;
    QAction *listenerSettings = nullptr;
    QAction *clear = nullptr;
    // View
    QAction *followNewest = nullptr;
    QAction *revealSecrets = nullptr;
    QAction *eventsAsList = nullptr;
    QAction *showFilters = nullptr;
    // Help
    QAction *sendSamples = nullptr;
    QAction *about = nullptr;
    QAction *aboutQt = nullptr;

    /// Creates the actions, the menu bar and the main toolbar of window.
    static WindowActions create(QMainWindow *window, QWidget *listenerBar);
};
