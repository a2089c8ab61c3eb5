#pragma once

#include <QTabWidget>

class EntityTab;
class FindingsModel;
class FindingsView;
class HeadersView;
class HistoryTab;
class JsonTreeTab;
class OverviewTab;
class RawTab;
struct DetailContent;

/**
 * DetailPane's tabs, in Page order: fills them with one capture's content or shows one
 * message in all of them (while it is read, or when none is shown), passes the secrets
 * setting on, and keeps the counts of headers, findings and versions in the titles.
 * Which capture and tab to show, and following links between them, is the pane's job.
 */
class DetailTabs : public QTabWidget {
    Q_OBJECT

public:
    enum Page {
        OverviewPage,
        EntityPage,
        JsonPage,
        RawPage,
        HeadersPage,
        FindingsPage,
        HistoryPage
    };

    explicit DetailTabs(QWidget *parent = nullptr);

    OverviewTab *overview() const { return m_overview; }
    EntityTab *entity() const { return m_entity; }
    JsonTreeTab *json() const { return m_json; }
    RawTab *raw() const { return m_raw; }
    HeadersView *headers() const { return m_headers; }
    FindingsView *findingsView() const { return m_findingsView; }
    HistoryTab *history() const { return m_history; }

    /// Every tab but Overview (the pane adds the message's deliveries) and History
    /// (it follows the Entity tab's form) shows content.
    void setContent(const DetailContent &content, bool revealed);
    /// Every tab empty, with message where a tab can show one ("" for none).
    void showMessage(const QString &message);
    void setSecretsRevealed(bool revealed);
    /// Titles with their counts while a capture is shown, else plain.
    void updateTitles(bool captureShown);

private:
    OverviewTab *m_overview;
    EntityTab *m_entity;
    JsonTreeTab *m_json;
    RawTab *m_raw;
    HeadersView *m_headers;
    FindingsView *m_findingsView;
    FindingsModel *m_findings;
    HistoryTab *m_history;
};
