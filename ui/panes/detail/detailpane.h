#pragma once

#include "detailcontent.h"
#include "overviewtab.h"
#include "rawtext.h"
#include "session/analysedcapture.h"
#include "session/capturereader.h"

#include <QWidget>

#include <functional>

class DeliveryWatch;
class DetailHeader;
class DetailLoader;
class DetailTabs;
class CaptureStore;
class QLabel;
class QStackedWidget;

/**
 * The details of the selected capture, event or entity, like Wireshark's packet
 * details and bytes panes but in Mews's terms: Overview, Entity, JSON tree, Raw,
 * Headers, Contract findings and History tabs (DetailTabs). The pane decides which
 * capture and tab to show, and follows links from one capture to another.
 *
 * Reads the capture through a DetailLoader: a capture whose body is over
 * DetailLoader::SyncLoadLimit is read, parsed and formatted on a worker thread while
 * the pane says so, and a newer selection supersedes an older load. Secrets stay masked everywhere
 * until setSecretsRevealed(true). Payload text is always shown as plain text.
 */
class DetailPane : public QWidget {
    Q_OBJECT

public:
    explicit DetailPane(CaptureStore *store, QWidget *parent = nullptr);
    ~DetailPane() override;

    /// The Overview tab, unless the user picked another tab, which then stays.
    void showCapture(qint64 captureId);
    /// The Entity tab on that event (and its embedded entity, if any).
    void showEvent(qint64 captureId, int eventIndex);
    /// The Entity tab on Entities.<Collection>[i] (MewsAnalysis::entities[entityIndex]).
    void showEntity(qint64 captureId, int entityIndex);
    /// The JSON tree tab with that node selected.
    void showPath(qint64 captureId, const QString &jsonPath);
    /// Nothing selected: a friendly empty state.
    void clear();
    void setSecretsRevealed(bool revealed);
    bool secretsRevealed() const { return m_revealed; }
    /// The listener's base URL for "Copy as cURL", e.g. "http://127.0.0.1:8089".
    void setListenerUrl(const QString &baseUrl);

    using QWidget::showEvent;

    qint64 captureId() const { return m_captureId; }
    /// A big body is still being parsed.
    bool isLoading() const { return m_loading; }
    /// The command "Copy as cURL" puts on the clipboard (masked unless revealed); empty
    /// while none is shown or it is still being read.
    QString curlCommand() const;
    /// Copy as cURL, from the header's button or the window's action: puts curlCommand() on
    /// the clipboard and says so in message(), once a capture still being read is (never
    /// the one shown before it); false when no capture is selected.
    bool copyCurl();
    /// Opens Resend (ResendDialog) for the capture selected, once it is read; false when
    /// none is.
    bool openResend();
    QString emptyText() const;

    /// The tabs, in DetailTabs::Page order.
    DetailTabs *tabs() const { return m_tabs; }
    DetailHeader *header() const { return m_header; }

Q_SIGNALS:
    /// A link to another capture was followed (history, an entity reference): the
    /// window selects it in the capture table.
    void captureRequested(qint64 captureId);
    void secretsRevealedChanged(bool revealed);
    /// Everything of the capture is shown (after the worker for big bodies).
    void loaded(qint64 captureId);
    /// What an action did, for the window's status bar ("Copied a curl command …").
    void message(const QString &text);

private:
    bool load(qint64 captureId, bool force = false);
    void showReading(qint64 captureId);
    void applyContent(const DetailContent &content);
    /// The Overview of the shown capture, with the deliveries of its message.
    void updateOverview();
    /// What the session's Integration webhooks call the shown capture's enterprise and
    /// integration.
    OverviewTab::SessionNames sessionNames() const;
    void applyFailure(qint64 captureId, const QString &error);
    void rebuildRaw();
    /// Runs action now, or once the capture being read is shown (dropped if another is
    /// selected first).
    void whenLoaded(std::function<void()> action);
    void showEmpty(const QString &text);
    /// Every tab empty, with message where a tab can show one ("" for none).
    void showMessageInTabs(const QString &message);
    void updateTabTitles();
    void updateHistory();
    void updateLinks();
    void openVersion(QString entityId,
                     EntityVersion version); // copies: loading resets the models they come from
    void followLink(const QString &entityId, const QString &entityType);
    void openFinding(const QString &path);

    CaptureStore *m_store;
    DetailLoader *m_loader;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QWidget *m_page; ///< the header above the tabs
    DetailHeader *m_header;
    DetailTabs *m_tabs;
    DeliveryWatch *m_deliveries;
    OverviewTab::SessionNames m_names; ///< as the Overview shows them

    AnalysedCapture m_capture;
    qint64 m_captureId = 0;
    bool m_loading = false;
    bool m_revealed = false;
    int m_userPage = -1; ///< the tab the user picked, kept across captures
    QString m_listenerUrl;
    QList<std::function<void()>> m_afterLoad;
};
