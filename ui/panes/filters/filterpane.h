#pragma once

#include <QList>
#include <QTimer>
#include <QWidget>

class CaptureFilterProxy;
class CaptureStore;
class CheckableListModel;
class EnterpriseListModel;
class FilterSection;
class IntegrationListModel;
class DeliveryListModel;
class KindListModel;
class MethodListModel;
class ElidedLabel;
class QLabel;
class QLineEdit;
class QToolButton;
class StateListModel;
class TagListModel;
class TextSearch;

/**
 * What to show: free-text search over bodies and headers, and checkable lists with
 * counts of the actions and discriminators (the 7 + 7 documented ones, then any other
 * that appears), contract states, kinds, methods, enterprises and integrations. Every
 * change goes straight to the CaptureFilterProxy, so filters apply live while captures
 * arrive. The lists' counts refresh at most every CountRefreshMs, not per batch.
 */
class FilterPane : public QWidget {
    Q_OBJECT

public:
    static constexpr int CountRefreshMs = 500;
    static constexpr int SearchDelayMs = 200;

    FilterPane(CaptureStore *store, CaptureFilterProxy *proxy, QWidget *parent = nullptr);

    QLineEdit *searchEdit() const { return m_search; }
    void focusSearch();
    /// Unchecks everything and clears the search.
    void clearFilters();
    bool hasFilters() const;
    /// Applies a typed search now instead of after SearchDelayMs.
    void applySearchNow();

    TagListModel *tagModel() const { return m_tags; }
    StateListModel *stateModel() const { return m_states; }
    KindListModel *kindModel() const { return m_kinds; }
    DeliveryListModel *deliveryModel() const { return m_deliveries; }
    MethodListModel *methodModel() const { return m_methods; }
    EnterpriseListModel *enterpriseModel() const { return m_enterprises; }
    IntegrationListModel *integrationModel() const { return m_integrations; }
    QList<FilterSection *> sections() const { return m_sections; }
    QString countsText() const;

Q_SIGNALS:
    void filtersChanged(bool active);
    /// Esc in the empty search box: done with it (Esc first clears a search typed in it).
    void searchDismissed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void scheduleCountRefresh();
    void refreshCounts();
    void updateCounts(qsizetype shown, qsizetype total);
    void searchProgress(qint64 searched, qint64 total);
    void changed();

    CaptureStore *m_store;
    CaptureFilterProxy *m_proxy;
    TextSearch *m_textSearch;
    TagListModel *m_tags;
    StateListModel *m_states;
    KindListModel *m_kinds;
    DeliveryListModel *m_deliveries;
    MethodListModel *m_methods;
    EnterpriseListModel *m_enterprises;
    IntegrationListModel *m_integrations;
    QList<CheckableListModel *> m_lists;
    QList<FilterSection *> m_sections;
    QLineEdit *m_search;
    ElidedLabel *m_counts;
    QLabel *m_searchState;
    QToolButton *m_clear;
    QTimer m_countTimer;
    QTimer m_searchTimer;
    bool m_clearing = false;
};
