// Workspace-based Application Insights: telemetry lands in a Log Analytics workspace.

param workspaceName string
param appInsightsName string
param location string

@description('Days Log Analytics keeps the data.')
@minValue(30)
param retentionInDays int = 30

param tags object = {}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

// The connection string names the ingestion endpoint and the (public) instrumentation key that
// routes telemetry to this resource. It is not a credential: it grants no read access, and it is
// what Microsoft documents to put in APPLICATIONINSIGHTS_CONNECTION_STRING.
output appInsightsConnectionString string = appInsights.properties.ConnectionString
output appInsightsName string = appInsights.name
output workspaceId string = workspace.id
