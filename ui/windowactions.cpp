#include "windowactions.h"

#include "icons.h"

#include <QAction>
#include <QApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>

namespace {

QAction *action(QObject *parent, const QString &text, const QKeySequence &shortcut = {},
                const QString &icon = QString()) {
    auto *created = new QAction(text, parent);
    if (!shortcut.isEmpty())
        created->setShortcut(shortcut);
    if (!icon.isEmpty())
        created->setIcon(Icons::named(icon));
    return created;
}

/// The platform's bindings for a standard key, or fallback where it has none (Qt binds
/// Save As only on GNOME, KDE and macOS, and Quit not on every theme, so a plain X11 or
/// offscreen session would have no key for them).
QList<QKeySequence> standardKey(QKeySequence::StandardKey key, const QKeySequence &fallback) {
    QList<QKeySequence> keys = QKeySequence::keyBindings(key);
    if (keys.isEmpty())
        keys.append(fallback);
    return keys;
}

} // namespace

WindowActions WindowActions::create(QMainWindow *window, QWidget *listenerBar) {
    WindowActions a;
    a.newSession = action(window, QStringLiteral("&New session"), QKeySequence::New);
    a.open = action(window, QStringLiteral("&Open…"), QKeySequence::Open, QStringLiteral("open"));
    a.open->setToolTip(QStringLiteral("Open a session or HAR file (Ctrl+O)"));
    a.open->setIconText(QStringLiteral("Open"));
    a.save = action(window, QStringLiteral("&Save"), QKeySequence::Save, QStringLiteral("save"));
    a.save->setToolTip(QStringLiteral("Save the untitled session under a name (Ctrl+S)"));
    a.saveAs = action(window, QStringLiteral("Save &as…"));
    a.saveAs->setShortcuts(standardKey(QKeySequence::SaveAs, Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    a.appendSession = action(window, QStringLiteral("A&ppend session…"));
    a.importHar = action(window, QStringLiteral("&Import HAR…"));
    a.exportAllHar = action(window, QStringLiteral("All captures as &HAR…"));
    a.exportAllJsonl = action(window, QStringLiteral("All captures as &JSON Lines…"));
    a.exportSelectedHar = action(window, QStringLiteral("&Selected captures as HAR…"));
    a.exportSelectedJsonl = action(window, QStringLiteral("Selected captures as JSON &Lines…"));
    a.salvage = action(window, QStringLiteral("Sal&vage damaged session…"));
    a.salvage->setStatusTip(
        QStringLiteral("Copy what can still be read of a damaged session file into a new one"));
    a.quit = action(window, QStringLiteral("&Quit"));
    a.quit->setShortcuts(standardKey(QKeySequence::Quit, Qt::CTRL | Qt::Key_Q));
    a.quit->setMenuRole(QAction::QuitRole);

    a.copy = action(window, QStringLiteral("&Copy"), QKeySequence::Copy, QStringLiteral("copy"));
    a.copy->setToolTip(QStringLiteral("Copy the selection of the focused view"));
    a.copyCurl = action(window, QStringLiteral("Copy as c&URL"),
                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    a.resend = action(window, QStringLiteral("&Resend to…"),
                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    a.resend->setToolTip(QStringLiteral("Send the selected capture's request again, to a URL"));
    a.find = action(window, QStringLiteral("&Find…"), QKeySequence::Find);
    a.clearFilters =
        action(window, QStringLiteral("C&lear filters"),
               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X), QStringLiteral("filter-clear"));

    a.listen = action(window, QStringLiteral("Start &listening"),
                      QKeySequence(Qt::CTRL | Qt::Key_L), QStringLiteral("listen-start"));
    a.listenerSettings = action(window, QStringLiteral("Listener &settings…"),
                                QKeySequence(Qt::CTRL | Qt::Key_Comma), QStringLiteral("settings"));
    a.listenerSettings->setMenuRole(QAction::PreferencesRole);
    a.clear =
        action(window, QStringLiteral("&Clear captures…"),
               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backspace), QStringLiteral("clear"));
    a.clear->setToolTip(QStringLiteral("Delete every capture of this session"));
    a.clear->setIconText(QStringLiteral("Clear"));

    a.followNewest = action(window, QStringLiteral("&Follow newest"),
                            QKeySequence(Qt::CTRL | Qt::Key_End), QStringLiteral("follow"));
    a.followNewest->setCheckable(true);
    a.followNewest->setToolTip(QStringLiteral("Keep the newest capture in view as they arrive"));
    a.revealSecrets = action(window, QStringLiteral("&Reveal secrets"));
    a.revealSecrets->setCheckable(true);
    a.revealSecrets->setToolTip(
        QStringLiteral("Show tokens and keys unmasked in the detail pane and cURL commands"));
    a.eventsAsList = action(window, QStringLiteral("Events as a flat &list"));
    a.eventsAsList->setCheckable(true);
    a.eventsAsList->setChecked(true);
    a.showFilters = action(window, QStringLiteral("Show filter&s"),
                           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    a.showFilters->setCheckable(true);
    a.showFilters->setChecked(true);

    a.sendSamples =
        action(window, QStringLiteral("&Send sample webhooks"), {}, QStringLiteral("send"));
    a.sendSamples->setIconText(QStringLiteral("Send samples"));
    a.sendSamples->setToolTip(
        QStringLiteral("POST the bundled sample webhooks to the running listener"));
    a.about = action(window, QStringLiteral("&About Mews Webhook Inspector"));
    a.about->setMenuRole(QAction::AboutRole);
    a.aboutQt = action(window, QStringLiteral("About &Qt"));
    a.aboutQt->setMenuRole(QAction::AboutQtRole);

    QMenuBar *bar = window->menuBar();
    QMenu *file = bar->addMenu(QStringLiteral("&File"));
    file->addActions({a.newSession, a.open});
    a.recent = file->addMenu(QStringLiteral("Open &recent"));
    file->addSeparator();
    file->addActions({a.save, a.saveAs});
    file->addSeparator();
    file->addActions({a.appendSession, a.importHar});
    QMenu *exports = file->addMenu(QStringLiteral("&Export"));
    exports->addActions({a.exportAllHar, a.exportAllJsonl});
    exports->addSeparator();
    exports->addActions({a.exportSelectedHar, a.exportSelectedJsonl});
    file->addAction(a.salvage);
    file->addSeparator();
    file->addAction(a.quit);

    a.edit = bar->addMenu(QStringLiteral("&Edit"));
    a.edit->addActions({a.copy, a.copyCurl});
    a.edit->addSeparator();
    a.edit->addActions({a.find, a.clearFilters});

    QMenu *capture = bar->addMenu(QStringLiteral("&Capture"));
    capture->addActions({a.listen, a.listenerSettings});
    capture->addSeparator();
    capture->addAction(a.resend);
    capture->addSeparator();
    capture->addAction(a.clear);

    QMenu *view = bar->addMenu(QStringLiteral("&View"));
    view->addActions({a.followNewest, a.revealSecrets});
    view->addSeparator();
    view->addActions({a.eventsAsList, a.showFilters});

    QMenu *help = bar->addMenu(QStringLiteral("&Help"));
    help->addAction(a.sendSamples);
    help->addSeparator();
    help->addActions({a.about, a.aboutQt});

    QToolBar *tools = window->addToolBar(QStringLiteral("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setMovable(false);
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->setIconSize(QSize(16, 16));
    tools->addAction(a.listen);
    tools->addWidget(listenerBar);
    tools->addSeparator();
    tools->addAction(a.open);
    tools->addAction(a.save);
    tools->addSeparator();
    tools->addAction(a.clear);
    tools->addAction(a.followNewest);
    tools->addSeparator();
    tools->addAction(a.sendSamples);
    return a;
}
