// Azure Bot registration: the bot authenticates as the user-assigned managed identity, so there
// is no app password anywhere. Only the Microsoft Teams channel is enabled.

@description('Bot handle; globally unique.')
param name string

@maxLength(42)
param displayName string

@allowed([
  'F0'
  'S1'
])
param sku string = 'F0'

@description('Messaging endpoint, https://<host>/api/messages.')
param endpoint string

param identityResourceId string
param identityClientId string
param identityTenantId string
param tags object = {}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppId: identityClientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output name string = bot.name
output id string = bot.id
